using System.Globalization;

namespace Attune.Text.Embeddings;

/// <summary>
/// e(x, y) from an embeddings server: the vector of the text <see cref="ComposeText"/>(x, y), by default
/// <c>"Prompt: {x}\n\nResponse: {y}"</c> (the prompt, a blank line, the response, each labelled), so the embedding sees the
/// response in the context of the prompt. The vector has <see cref="Dimension"/> = the model's embedding size; when
/// <see cref="Normalize"/> is set (default) it is scaled to unit L2 norm. Dense: every index is stored.
/// </summary>
public sealed class EmbeddingFeaturizer : IFeaturizer
{
    /// <summary>The default template; <c>{prompt}</c> and <c>{response}</c> are replaced.</summary>
    public const string DefaultTemplate = "Prompt: {prompt}\n\nResponse: {response}";

    private readonly OpenAiEmbeddingClient _client;

    /// <summary>A featurizer over <paramref name="client"/> for a model of <paramref name="dimension"/> outputs.</summary>
    /// <param name="client">The embeddings client (its ExpectedDimension, when set, must equal <paramref name="dimension"/>).</param>
    /// <param name="dimension">Length of the model's vectors (&gt;= 1).</param>
    /// <param name="template">How (x, y) becomes one text; must contain <c>{response}</c>.</param>
    /// <param name="normalize">Scale every vector to unit L2 norm.</param>
    public EmbeddingFeaturizer(
        OpenAiEmbeddingClient client, int dimension, string template = DefaultTemplate, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains("{response}", StringComparison.Ordinal))
        {
            throw new ArgumentException("template must contain {response}.", nameof(template));
        }

        if (client.Options.ExpectedDimension is { } expected && expected != dimension)
        {
            throw new ArgumentException(
                $"dimension {dimension} differs from the client's ExpectedDimension {expected}.", nameof(dimension));
        }

        _client = client;
        Dimension = dimension;
        Template = template;
        Normalize = normalize;
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"embeddings:v1:model={client.Options.Model}:dim={dimension}:normalize={normalize.ToString().ToLowerInvariant()}:template={Uri.EscapeDataString(template)}");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The template turning (x, y) into one text.</summary>
    public string Template { get; }

    /// <summary>Whether vectors are scaled to unit L2 norm.</summary>
    public bool Normalize { get; }

    /// <summary>The text embedded for <paramref name="pair"/>.</summary>
    public string ComposeText(TextPair pair) =>
        Template.Replace("{prompt}", pair.Prompt, StringComparison.Ordinal)
            .Replace("{response}", pair.Response, StringComparison.Ordinal);

    /// <inheritdoc />
    /// <remarks>Blocks on the HTTP call; prefer <see cref="FeaturizeBatchAsync"/>.</remarks>
    public SparseVector Featurize(TextPair pair) =>
        FeaturizeBatchAsync([pair]).GetAwaiter().GetResult()[0];

    /// <inheritdoc />
    /// <exception cref="EmbeddingFormatException">A vector's length differs from <see cref="Dimension"/>.</exception>
    public async Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var texts = new string[pairs.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(pairs[i].Prompt, $"pairs[{i}].Prompt");
            ArgumentNullException.ThrowIfNull(pairs[i].Response, $"pairs[{i}].Response");
            texts[i] = ComposeText(pairs[i]);
        }

        var vectors = await _client.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        var result = new SparseVector[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Length != Dimension)
            {
                throw new EmbeddingFormatException(
                    $"embedding of pair {i} has dimension {vectors[i].Length}, expected {Dimension} (dimension mismatch).");
            }

            result[i] = SparseVector.FromDense(Normalize ? Normalized(vectors[i]) : vectors[i]);
        }

        return result;
    }

    private static float[] Normalized(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm == 0 ? v : v.Select(x => (float)(x / norm)).ToArray();
    }
}
