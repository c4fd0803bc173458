using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Attune.Generator.Domain;
using Attune.Generator.Options;
using Grpc.Core;

namespace Attune.Generator.Backends;

/// <summary>
/// An OpenAI-compatible chat completions server. Asks for all <c>n</c> choices in one request and, when the server
/// returns fewer (Ollama and llama.cpp's server ignore <c>n</c>), for the rest in parallel single-choice requests with
/// distinct seeds. Each request ends a little before the caller's deadline (<see cref="CallBudget"/>) or at
/// <see cref="BackendOptions.Timeout"/>: DEADLINE_EXCEEDED. Only failures after which nothing was generated are retried
/// (connection refused or unresolved, 429, 502, 503, 504), up to <see cref="BackendOptions.MaxAttempts"/> within the
/// deadline; every other failure is UNAVAILABLE at once, naming the backend and its answer.
/// </summary>
public sealed class OpenAiChatBackend(HttpClient http, BackendOptions options, ILogger<OpenAiChatBackend> logger) : IChatBackend
{
    private readonly Uri _endpoint = Endpoint(options.Url!);

    /// <inheritdoc />
    public string Name => options.Model;

    /// <summary>The chat completions address for a base URL: <c>{url}/v1/chat/completions</c> (no second <c>/v1</c>).</summary>
    public static Uri Endpoint(string url)
    {
        var trimmed = url.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/v1", StringComparison.Ordinal) ? trimmed + "/chat/completions" : trimmed + "/v1/chat/completions");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Completion>> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var first = await RequestAsync(request, request.N, request.Seed, cancellationToken);
        if (first.Count >= request.N)
        {
            return first.Take(request.N).ToList();
        }

        var missing = request.N - first.Count;
        var more = await Task.WhenAll(Enumerable.Range(1, missing).Select(i =>
            RequestAsync(request, 1, request.Seed == 0 ? 0 : request.Seed + i, cancellationToken)));
        return [.. first, .. more.SelectMany(c => c)];
    }

    private async Task<List<Completion>> RequestAsync(CompletionRequest request, int n, long seed, CancellationToken cancellationToken)
    {
        var json = ChatRequestBody.Build(options, request, n, seed).ToJsonString();
        var budget = CallBudget.Of(request.Deadline, options.Timeout);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            RpcException failure;
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                }

                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return Parse(body);
                }

                failure = new RpcException(new Status(StatusCode.Unavailable,
                    $"The backend {_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}"));
                if (!IsRetryable(response.StatusCode))
                {
                    throw failure;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                    $"The backend {_endpoint} did not answer within {budget.TotalMilliseconds:F0} ms (the call's deadline or Generator:Backend:Timeout)."));
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                failure = new RpcException(new Status(StatusCode.Unavailable, $"The backend {_endpoint} cannot be reached: {e.Message}"));
            }
            catch (HttpRequestException e)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"The backend {_endpoint} failed: {e.Message}"));
            }

            if (attempt >= options.MaxAttempts)
            {
                throw failure;
            }

            logger.LogWarning("Attempt {Attempt} of {Max}: {Failure}; retrying.", attempt, options.MaxAttempts, failure.Status.Detail);
            var delay = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * backoff.Ticks));
            backoff *= 2;
            try
            {
                await Task.Delay(delay, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw failure;
            }
        }
    }

    private List<Completion> Parse(string body)
    {
        try
        {
            return ChatReplyParser.Parse(body).Choices;
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The backend {_endpoint} sent an unreadable reply: {e.Message}."));
        }
    }

    private static bool IsRetryable(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "...";
}
