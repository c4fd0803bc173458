namespace Attune.Ml.Serialization;

/// <summary>The JSON header of a model file (format versions 1 and 2); field names are the file's contract.</summary>
internal sealed class ModelFileHeader
{
    public string Method { get; set; } = string.Empty;

    public int Rank { get; set; }

    public int Dimension { get; set; }

    public string Featurizer { get; set; } = string.Empty;

    public Dictionary<string, string> Settings { get; set; } = [];

    public Dictionary<string, double> Metrics { get; set; } = [];

    public double[] Spectrum { get; set; } = [];

    public double[] PriorMean { get; set; } = [];

    /// <summary>Shape (K, K) row-major.</summary>
    public double[] PriorCovariance { get; set; } = [];

    public ClusterHeader? Clusters { get; set; }

    public List<UserHeader> Users { get; set; } = [];

    /// <summary>One label per base function (absent in files written before labels existed: read as none).</summary>
    public List<LabelHeader> BaseFunctions { get; set; } = [];

    /// <summary>A base function's label (<see cref="Models.BaseFunctionLabel"/>).</summary>
    public sealed class LabelHeader
    {
        public string Name { get; set; } = string.Empty;

        public List<string> Positive { get; set; } = [];

        public List<string> Negative { get; set; } = [];

        public string HighExample { get; set; } = string.Empty;

        public string LowExample { get; set; } = string.Empty;
    }

    /// <summary>Version 2 only: the residual MLP's shape; its weights follow V in the binary part. Left out when null, so
    /// that a linear model's header is the version 1 header byte for byte.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ResidualHeader? Residual { get; set; }

    internal sealed class ResidualHeader
    {
        public int Hidden { get; set; }

        public string Activation { get; set; } = string.Empty;
    }

    internal sealed class ClusterHeader
    {
        public float[] Centroids { get; set; } = [];

        public float[] ClusterWeights { get; set; } = [];

        public int[] Assignments { get; set; } = [];

        public double Silhouette { get; set; }
    }

    internal sealed class UserHeader
    {
        public string Id { get; set; } = string.Empty;

        public float[] Weights { get; set; } = [];
    }
}
