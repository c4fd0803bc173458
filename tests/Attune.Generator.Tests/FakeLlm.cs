using System.Text.Json.Nodes;
using Attune.Generator.Pool;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Generator.Tests;

/// <summary>
/// A local stand-in for an LLM server (no real LLM can run on the test machines) that speaks the real OpenAI chat
/// completions HTTP API on Kestrel: POST /v1/chat/completions with model, messages, max_tokens, temperature, n, seed;
/// answers with choices[i].message.content and finish_reason ("length" when cut at max_tokens, else "stop"). Choice i
/// continues script (i + seed) mod m among the m scripts that extend the trailing assistant message.
/// </summary>
public sealed class FakeLlm : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeLlm(WebApplication app, FakeLlmState state, string address)
    {
        _app = app;
        State = state;
        Address = address;
    }

    public FakeLlmState State { get; }

    /// <summary>http://127.0.0.1:port.</summary>
    public string Address { get; }

    public static async Task<FakeLlm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var state = new FakeLlmState();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", (HttpContext context) => AnswerAsync(context, state));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeLlm(app, state, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task AnswerAsync(HttpContext context, FakeLlmState state)
    {
        Interlocked.Increment(ref state.Requests);
        if (state.Delay > TimeSpan.Zero)
        {
            await Task.Delay(state.Delay, context.RequestAborted);
        }

        if (state.FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "the fake is failing on purpose", type = "server_error" } });
            return;
        }

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var messages = body["messages"]!.AsArray();
        var last = messages[^1]!;
        var partial = (string?)last["role"] == "assistant" ? (string)last["content"]! : "";
        var n = state.IgnoreN ? 1 : (int?)body["n"] ?? 1;
        var maxTokens = (int?)body["max_tokens"] ?? int.MaxValue;
        var seed = (long?)body["seed"] ?? 0;
        var matching = state.Scripts.Where(s => s.Length > partial.Length && s.StartsWith(partial, StringComparison.Ordinal)).ToList();
        var choices = new JsonArray();
        var answers = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var (content, finish) = matching.Count == 0 ? ("", "stop") : Cut(matching[(int)((i + seed) % matching.Count)][partial.Length..], maxTokens);
            answers.Add(content);
            choices.Add(new JsonObject
            {
                ["index"] = i,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = finish,
            });
        }

        state.Calls.Enqueue(new FakeLlmCall(partial, n, maxTokens, answers));
        var reply = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["model"] = (string?)body["model"],
            ["choices"] = choices,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.ToJsonString());
    }

    private static (string Content, string Finish) Cut(string rest, int maxTokens)
    {
        var tokens = TokenText.Split(rest);
        return tokens.Count <= maxTokens ? (rest, "stop") : (string.Concat(tokens.Take(maxTokens)), "length");
    }
}
