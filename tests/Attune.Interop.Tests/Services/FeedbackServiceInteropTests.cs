using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// The feedback service as its own process, as operators run it, called by python grpcio: health, reflection, a call
/// through a stub built from reflection alone, and a clean stop on SIGTERM.
/// </summary>
public sealed class FeedbackServiceInteropTests
{
    [Fact]
    public async Task FeedbackProcess_pythonHealthReflectionAndCall_servingListedStoredAndStopsCleanly()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var service = await ServiceProcess.StartAsync("feedback", "Attune.Feedback");

        var health = await PythonClient.RunOneAsync(service.Target, "health_check", new { service = "" });
        var comparison = new
        {
            user_id = "python-user",
            prompt = "Say hi",
            response_a = "Hello there, how can I help?",
            response_b = "hi",
            preference = 0.75,
            client_id = "py-1",
        };
        var call = await PythonClient.RunOneAsync(service.Target, "reflection", new
        {
            symbol = "attune.v1.FeedbackService",
            method = "RecordComparison",
            request = new { comparison },
        });
        var again = await PythonClient.RunOneAsync(service.Target, "reflection", new
        {
            symbol = "attune.v1.FeedbackService",
            method = "RecordComparison",
            request = new { comparison },
        });
        var exitCode = await service.TerminateAsync();

        Assert.Equal("SERVING", health.GetProperty("status").GetString());
        Assert.Equal("OK", call.GetProperty("code").GetString());
        Assert.Contains("attune.v1.FeedbackService", call.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("attune/v1/feedback.proto", call.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var first = call.GetProperty("reply");
        Assert.True(Guid.TryParse(first.GetProperty("comparison_id").GetString(), out _));
        Assert.Equal(first.GetProperty("comparison_id").GetString(), again.GetProperty("reply").GetProperty("comparison_id").GetString());
        Assert.True(again.GetProperty("reply").GetProperty("duplicate").GetBoolean());
        Assert.Equal(0, exitCode);
    }
}
