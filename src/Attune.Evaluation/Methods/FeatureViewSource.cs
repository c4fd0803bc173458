using System.Diagnostics;
using Attune.Evaluation.Data;
using Attune.Text;
using Attune.Text.Encoders;

namespace Attune.Evaluation.Methods;

/// <summary>
/// Builds each seed's <see cref="ResponseFeatureView"/> per featurizer and remembers every (prompt, response) vector across
/// seeds, so a text is featurized once per run; the MiniLM encoder also keeps its vectors in a disk cache
/// (<paramref name="cacheDirectory"/>), so a text is encoded once across runs. Texts not yet seen are featurized in one
/// batch (<see cref="IFeaturizer.FeaturizeBatchAsync"/>: the encoder sorts them by length and runs them in batches).
/// MiniLM runs on one CPU thread (two on the 2-core machines were slower, see docs/featurizers.md), with
/// <paramref name="prompt"/> deciding how the prompt enters e(x, y); the composite is [s_1 MiniLM; s_2 hashing] with
/// <paramref name="compositeScales"/>.
/// </summary>
internal sealed class FeatureViewSource(string? cacheDirectory, MiniLmPromptMode prompt, IReadOnlyList<double> compositeScales)
{
    private readonly Dictionary<string, Dictionary<(string, string), SparseVector>> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<EvaluationFeaturizer, double> _seconds = [];
    private MiniLmFeaturizer? _miniLm;

    /// <summary>Seconds spent featurizing per featurizer so far (encoding, cache reads and view building).</summary>
    public IReadOnlyDictionary<EvaluationFeaturizer, double> Seconds => _seconds;

    /// <summary>The view of <paramref name="data"/> under <paramref name="kind"/>.</summary>
    public ResponseFeatureView Build(FeaturizedDataset data, EvaluationFeaturizer kind, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ResponseFeatureView view;
        if (kind == EvaluationFeaturizer.Dataset)
        {
            var f = data.Dataset.RecommendedFeaturizer;
            view = ResponseFeatureView.Build(data, f.Description, f.Dimension, texts => texts.Select(t => data.ResponseFeatures(t.Prompt, t.Response)).ToArray());
        }
        else
        {
            var featurizer = Featurizer(kind, data.Dataset.RecommendedFeaturizer);
            if (!_vectors.TryGetValue(featurizer.Description, out var cache))
            {
                _vectors[featurizer.Description] = cache = [];
            }

            view = ResponseFeatureView.Build(data, featurizer.Description, featurizer.Dimension, texts =>
            {
                var missing = texts.Where(t => !cache.ContainsKey((t.Prompt, t.Response))).Distinct().ToArray();
                if (missing.Length > 0)
                {
                    var encoded = featurizer.FeaturizeBatchAsync(missing, cancellationToken).GetAwaiter().GetResult();
                    for (var i = 0; i < missing.Length; i++)
                    {
                        cache[(missing[i].Prompt, missing[i].Response)] = encoded[i];
                    }
                }

                return texts.Select(t => cache[(t.Prompt, t.Response)]).ToArray();
            });
        }

        _seconds[kind] = _seconds.GetValueOrDefault(kind) + clock.Elapsed.TotalSeconds;
        return view;
    }

    private IFeaturizer Featurizer(EvaluationFeaturizer kind, IFeaturizer hashing)
    {
        _miniLm ??= new MiniLmFeaturizer(new MiniLmOptions(intraOpThreads: 1, cacheDirectory: cacheDirectory), prompt);
        return kind == EvaluationFeaturizer.MiniLm ? _miniLm : new CompositeFeaturizer([_miniLm, hashing], compositeScales);
    }
}
