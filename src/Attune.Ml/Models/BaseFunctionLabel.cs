namespace Attune.Ml.Models;

/// <summary>
/// What moves one base reward function phi_k, in words: the terms most typical of the responses it scores highest
/// (<see cref="Positive"/>) and lowest (<see cref="Negative"/>), one example of each, and a short name built from them,
/// "positive &lt;-&gt; negative". A user with weight w_k &gt; 0 prefers the positive side. Computed by the trainer from its own
/// training responses after training (the model's basis is fixed by then), stored in the model file.
/// </summary>
/// <param name="Name">e.g. "recommend, advisable &lt;-&gt; wanna, honestly".</param>
/// <param name="Positive">Terms of the high-scoring responses, most distinctive first.</param>
/// <param name="Negative">Terms of the low-scoring responses, most distinctive first.</param>
/// <param name="HighExample">A short snippet of the training response phi_k scores highest.</param>
/// <param name="LowExample">A short snippet of the training response phi_k scores lowest.</param>
public sealed record BaseFunctionLabel(
    string Name, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative, string HighExample, string LowExample);
