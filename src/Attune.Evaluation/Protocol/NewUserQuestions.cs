namespace Attune.Evaluation.Protocol;

/// <summary>Which questions a new user can be asked, and where the answers come from.</summary>
public enum NewUserQuestions
{
    /// <summary>
    /// Any pair seen in the data on a calibration prompt, answered by a fresh Bradley-Terry draw from the world's ground
    /// truth at the world's own temperature (as the labels were made), like PReF asking its simulated users any pool pair
    /// and Attune's adapter choosing among every pair seen in feedback. Worlds without a ground truth (hh) fall back to
    /// <see cref="Recorded"/>.
    /// </summary>
    AnyCalibrationPair,

    /// <summary>Only the user's own recorded calibration-prompt comparisons, answered by their recorded labels.</summary>
    Recorded,
}
