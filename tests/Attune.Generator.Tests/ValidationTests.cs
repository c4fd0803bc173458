using System.Globalization;
using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Generator.Tests;

/// <summary>Bad request fields are INVALID_ARGUMENT naming the field, before any backend or adapter call.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private GeneratorHost _generator = null!;

    public static TheoryData<string, string> BadFields => new()
    {
        { "user_id", "empty" },
        { "prompt", "empty" },
        { "prompt", "blank" },
        { "prompt", "over 32 KiB" },
        { "n", "33" },
        { "n", "-1" },
        { "block_tokens", "513" },
        { "block_tokens", "-4" },
        { "max_tokens", "4097" },
        { "max_tokens", "-1" },
        { "temperature", "2.5" },
        { "temperature", "-0.1" },
        { "temperature", "NaN" },
        { "strategy", "7" },
    };

    public ValueTask InitializeAsync()
    {
        // Nothing listens at either address: a request that got past validation would fail UNAVAILABLE instead.
        _generator = GeneratorHost.Start(new Dictionary<string, string?>
        {
            ["Services:Adapter"] = GeneratorHost.ClosedAddress(),
            ["Generator:Backend:Url"] = GeneratorHost.ClosedAddress(),
        });
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Generate_badField_invalidArgumentNamingIt(string field, string value)
    {
        var request = new GenerateRequest { UserId = "u1", Prompt = "How do I boil an egg?" };
        switch (field)
        {
            case "user_id": request.UserId = ""; break;
            case "prompt": request.Prompt = value switch { "empty" => "", "blank" => "   ", _ => new string('x', 32 * 1024 + 1) }; break;
            case "n": request.N = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "block_tokens": request.BlockTokens = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "max_tokens": request.MaxTokens = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "temperature": request.Temperature = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "strategy": request.Strategy = (GenerationStrategy)int.Parse(value, CultureInfo.InvariantCulture); break;
        }

        var e = await Assert.ThrowsAsync<RpcException>(() => _generator.Client.GenerateAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail);
    }

    [Fact]
    public async Task GenerateStream_badField_invalidArgumentNamingIt()
    {
        using var call = _generator.Client.GenerateStream(new GenerateRequest { UserId = "u1", Prompt = "Hi?", N = 99 });

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("n:", e.Status.Detail);
    }

    public async ValueTask DisposeAsync() => await _generator.DisposeAsync();
}
