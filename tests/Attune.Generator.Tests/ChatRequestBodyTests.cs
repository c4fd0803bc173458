using Attune.Generator.Backends;
using Attune.Generator.Options;

namespace Attune.Generator.Tests;

/// <summary>The chat completions request body and address for each continuation mode.</summary>
public sealed class ChatRequestBodyTests
{
    private static readonly CompletionRequest Continue = new("How?", "So far", 4, 16, 0.7, 9, DateTime.MaxValue);

    [Fact]
    public void Build_freshResponse_promptIsTheOnlyMessage()
    {
        var body = ChatRequestBody.Build(new BackendOptions { Model = "m" }, Continue with { Partial = "" }, 4, 9);

        Assert.Equal("m", (string?)body["model"]);
        Assert.Single(body["messages"]!.AsArray());
        Assert.Equal(16, (int?)body["max_tokens"]);
        Assert.Equal(4, (int?)body["n"]);
        Assert.Equal(9, (long?)body["seed"]);
    }

    [Fact]
    public void Build_seedZero_sendsNoSeed()
    {
        var body = ChatRequestBody.Build(new BackendOptions(), Continue, 1, 0);

        Assert.False(body.ContainsKey("seed"));
    }

    [Theory]
    [InlineData(ContinuationMode.Prefix, 2, false)]
    [InlineData(ContinuationMode.VllmPrefix, 2, true)]
    [InlineData(ContinuationMode.Instruction, 3, false)]
    public void Build_continuation_partialSentAsConfigured(ContinuationMode mode, int messages, bool vllmFlags)
    {
        var body = ChatRequestBody.Build(new BackendOptions { Continuation = mode }, Continue, 4, 9);

        var list = body["messages"]!.AsArray();
        Assert.Equal(messages, list.Count);
        Assert.Equal("assistant", (string?)list[1]!["role"]);
        Assert.Equal("So far", (string?)list[1]!["content"]);
        Assert.Equal(vllmFlags, body.ContainsKey("continue_final_message"));
        if (mode == ContinuationMode.Instruction)
        {
            Assert.Equal(ChatRequestBody.ContinueInstruction, (string?)list[2]!["content"]);
        }
    }

    [Theory]
    [InlineData("http://llm:8000", "http://llm:8000/v1/chat/completions")]
    [InlineData("http://llm:8000/", "http://llm:8000/v1/chat/completions")]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v1/chat/completions")]
    public void Endpoint_baseUrl_chatCompletionsAddress(string url, string expected)
    {
        Assert.Equal(new Uri(expected), OpenAiChatBackend.Endpoint(url));
    }

    [Fact]
    public void Parse_lengthAndStop_finishedOnlyForStop()
    {
        var (choices, model) = ChatReplyParser.Parse(
            """{"model":"x","choices":[{"message":{"content":"a"},"finish_reason":"length"},{"message":{"content":"b"},"finish_reason":"stop"}]}""");

        Assert.Equal("x", model);
        Assert.Equal([false, true], choices.Select(c => c.Finished));
    }

    [Fact]
    public void Parse_notAChatReply_formatException()
    {
        Assert.Throws<FormatException>(() => ChatReplyParser.Parse("{\"error\":1}"));
        Assert.Throws<FormatException>(() => ChatReplyParser.Parse("<html>"));
    }
}
