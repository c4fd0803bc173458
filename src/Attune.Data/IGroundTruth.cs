namespace Attune.Data;

/// <summary>
/// The true reward r*_u(x, y) of a simulated world (synthetic, styles, dsp): the quantity the comparisons' Bradley-Terry
/// labels were sampled from, so models can be scored against it (oracle accuracy, reward correlation, best-of-n regret).
/// </summary>
public interface IGroundTruth
{
    /// <summary>True reward of <paramref name="response"/> to <paramref name="prompt"/> for <paramref name="userId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The user, or the (prompt, response), is not part of the world.</exception>
    double Reward(string userId, string prompt, string response);
}
