using Attune.Data;
using Attune.Data.Synthetic;
using Attune.Evaluation;
using Attune.Evaluation.Protocol;
using Attune.Evaluation.Results;

namespace Attune.Evaluation.Tests;

/// <summary>A small synthetic world (40 users, K_true = 2, D = 12) run once through the whole protocol for the tests.</summary>
public sealed class TinyWorld
{
    public static readonly int[] Answers = [0, 5, 10];

    public TinyWorld()
    {
        Result = EvaluationRunner.Run(Load, "synthetic", "tiny test world", Options);
    }

    public static EvaluationRunOptions Options { get; } = new()
    {
        Seeds = 2,
        Protocol = new ProtocolOptions
        {
            AnswerCounts = Answers,
            InitStudySeeds = 2,
            Trainer = new Attune.Ml.Training.PrefTrainingOptions { MaxRank = 4, MaxOuterIterations = 10 },
        },
    };

    public EvaluationResult Result { get; }

    public static PreferenceDataset Load(int seed) => SyntheticWorld.Generate(new SyntheticOptions(
        seed: seed, users: 40, prompts: 24, responsesPerPrompt: 4, featureDimension: 12, trueRank: 2, comparisonsPerUser: 80));
}
