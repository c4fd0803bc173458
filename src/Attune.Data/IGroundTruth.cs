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

    /// <summary>
    /// Temperature T of the Bradley-Terry model the world's labels are drawn from, P(a over b) = sigmoid((r*_a - r*_b) / T),
    /// so that a protocol can ask a simulated user a question the data never recorded and get an answer drawn the same way.
    /// </summary>
    double Temperature { get; }
}
