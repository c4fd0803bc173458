namespace Attune.Evaluation.Methods;

/// <summary>Which e(x, y) a method trains on.</summary>
public enum EvaluationFeaturizer
{
    /// <summary>The dataset's recommended featurizer (hashing for text, the precomputed vectors of synthetic): today's.</summary>
    Dataset,

    /// <summary>The response's MiniLM encoding (384 dimensions, <c>minilm:v1:...:prompt=none</c>).</summary>
    MiniLm,

    /// <summary>MiniLM and the dataset's hashing featurizer concatenated (<c>composite:v1</c>, scales 1 and 1).</summary>
    Composite,
}
