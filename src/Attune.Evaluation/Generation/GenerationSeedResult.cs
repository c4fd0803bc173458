namespace Attune.Evaluation.Generation;

/// <summary>One seed of the generation evaluation.</summary>
public sealed record GenerationSeedResult
{
    public required int Seed { get; init; }

    /// <summary>Held-out (new) users evaluated.</summary>
    public required int Users { get; init; }

    /// <summary>Users whose personalized picks have the higher mean true reward (ties counted 1/2).</summary>
    public required double Wins { get; init; }

    /// <summary>Users tied exactly (same mean true reward).</summary>
    public required int Ties { get; init; }

    /// <summary>Wins / Users: the target's number.</summary>
    public double WinFraction => Users == 0 ? double.NaN : Wins / Users;

    /// <summary>Mean over users of the per-prompt win rate (BestOfN.WinRate, ties 1/2).</summary>
    public required double PromptWinRate { get; init; }

    /// <summary>Mean true reward of the personalized picks, over users and test prompts.</summary>
    public required double PersonalizedReward { get; init; }

    /// <summary>Mean true reward of the population picks.</summary>
    public required double PopulationReward { get; init; }

    /// <summary>Test prompts per user.</summary>
    public required int TestPrompts { get; init; }

    /// <summary>K of the trained model.</summary>
    public required int Rank { get; init; }

    public required double Seconds { get; init; }
}
