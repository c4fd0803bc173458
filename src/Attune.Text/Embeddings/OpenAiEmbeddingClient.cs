using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Attune.Text.Embeddings;

/// <summary>
/// Client of an OpenAI-compatible embeddings endpoint: <c>POST {BaseUrl}/embeddings</c> with
/// <c>{"model": ..., "input": [texts]}</c>, reading <c>{"data": [{"index": i, "embedding": [floats]}]}</c>. Splits inputs into
/// batches of <see cref="OpenAiEmbeddingOptions.BatchSize"/>, answers repeated and cached texts without a request, retries
/// 429, 5xx, connection errors and timeouts with exponential backoff and jitter (a <c>Retry-After</c> header replaces the
/// backoff), and stores new vectors in the disk cache. Thread-safe.
/// </summary>
public sealed class OpenAiEmbeddingClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly EmbeddingDiskCache? _cache;

    /// <summary>A client with <paramref name="options"/>; <paramref name="handler"/> replaces the default socket handler (tests, proxies).</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public OpenAiEmbeddingClient(OpenAiEmbeddingOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _endpoint = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/embeddings");
        _cache = options.CacheDirectory is null ? null : new EmbeddingDiskCache(options.CacheDirectory);
    }

    /// <summary>The settings.</summary>
    public OpenAiEmbeddingOptions Options { get; }

    /// <summary>The vectors of <paramref name="texts"/>, element i for text i.</summary>
    /// <exception cref="EmbeddingException">A request failed (non-retryable status or retries exhausted).</exception>
    /// <exception cref="EmbeddingFormatException">A reply was malformed or had the wrong dimension.</exception>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var missing = new List<string>();
        var waiting = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
            if (waiting.TryGetValue(text, out var positions))
            {
                positions.Add(i);
                continue;
            }

            var cached = _cache?.TryGet(Options.Model, text);
            if (cached is not null && (Options.ExpectedDimension is null || cached.Length == Options.ExpectedDimension))
            {
                result[i] = cached;
                continue;
            }

            waiting[text] = [i];
            missing.Add(text);
        }

        for (var start = 0; start < missing.Count; start += Options.BatchSize)
        {
            var batch = missing.GetRange(start, Math.Min(Options.BatchSize, missing.Count - start));
            var vectors = await SendWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < batch.Count; j++)
            {
                _cache?.Put(Options.Model, batch[j], vectors[j]);
                foreach (var position in waiting[batch[j]])
                {
                    result[position] = vectors[j];
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<float[][]> SendWithRetriesAsync(List<string> batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = Options.Model, ["input"] = batch });
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            TimeSpan? retryAfter = null;
            string reason;
            Exception? error = null;
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(Options.Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                if (Options.ApiKey is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
                }

                using var response = await _http.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(attemptCts.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return EmbeddingReplyParser.Parse(text, batch.Count, Options.ExpectedDimension);
                }

                if (response.StatusCode != HttpStatusCode.TooManyRequests && status < 500)
                {
                    throw new EmbeddingException(
                        $"POST {_endpoint} answered HTTP {status}: {Excerpt(text)}", status);
                }

                reason = $"HTTP {status}";
                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e)
            {
                reason = $"connection error: {e.Message}";
                error = e;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"timed out after {Options.Timeout.TotalSeconds:0.###} s";
                error = e;
            }

            if (attempt > Options.MaxRetries)
            {
                throw new EmbeddingException(
                    $"POST {_endpoint} failed after {attempt} attempts; last: {reason}.", status, error);
            }

            var delay = retryAfter ?? Backoff(attempt - 1);
            Options.OnRetry?.Invoke(new EmbeddingRetry(attempt, delay, retryAfter is not null, reason));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int retry)
    {
        var exponential = Options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, Options.MaxBackoff.TotalMilliseconds);

        // Unseeded on purpose: jitter exists to spread retries of many clients apart; it only changes timing, never results.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Random.Shared.NextDouble())));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Options.MaxRetryAfter ? Options.MaxRetryAfter : wait;
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
