namespace Attune.Data.Evaluation;

/// <summary>
/// A split for PReF's protocol: users into training users and new users, prompts into train / calibration / test, and the
/// comparison index sets (positions in <see cref="PreferenceDataset.Comparisons"/>, ascending) the protocol uses. The
/// reward model (V and the training users' w_u) is fit on <see cref="Train"/>; a new user's w_u is adapted from
/// <see cref="NewUserCalibration"/> and scored on <see cref="NewUserTest"/>; <see cref="TrainUserTest"/> scores the training
/// users on unseen prompts. Comparisons of new users on train prompts, and of training users on calibration prompts, are in
/// no set.
/// </summary>
public sealed record EvaluationSplit
{
    /// <summary>Users whose comparisons train the model.</summary>
    public required IReadOnlyList<string> TrainUsers { get; init; }

    /// <summary>Held-out users, seen only through their calibration comparisons.</summary>
    public required IReadOnlyList<string> NewUsers { get; init; }

    /// <summary>Indices into <see cref="PreferenceDataset.Prompts"/> of the training prompts.</summary>
    public required IReadOnlyList<int> TrainPrompts { get; init; }

    /// <summary>Indices of the calibration prompts.</summary>
    public required IReadOnlyList<int> CalibrationPrompts { get; init; }

    /// <summary>Indices of the test prompts.</summary>
    public required IReadOnlyList<int> TestPrompts { get; init; }

    /// <summary>Comparisons of training users on training prompts.</summary>
    public required IReadOnlyList<int> Train { get; init; }

    /// <summary>Comparisons of new users on calibration prompts.</summary>
    public required IReadOnlyList<int> NewUserCalibration { get; init; }

    /// <summary>Comparisons of new users on test prompts.</summary>
    public required IReadOnlyList<int> NewUserTest { get; init; }

    /// <summary>Comparisons of training users on test prompts.</summary>
    public required IReadOnlyList<int> TrainUserTest { get; init; }
}
