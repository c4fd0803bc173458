using Attune.Contracts.V1;

namespace Attune.Generator.Domain;

/// <summary>A validated GenerateRequest with its defaults applied and the caller's deadline.</summary>
/// <param name="UserId">Whose reward guides the choice.</param>
/// <param name="Prompt">The prompt, at most 32 KiB.</param>
/// <param name="Strategy">Best-of-n or block-wise.</param>
/// <param name="N">Candidates (best-of-n) or continuations per block, 1-32.</param>
/// <param name="BlockTokens">Tokens per block, 1-512.</param>
/// <param name="MaxTokens">Most tokens of the response, 1-4096.</param>
/// <param name="Temperature">Sampling temperature in (0, 2].</param>
/// <param name="Seed">Sampling seed.</param>
/// <param name="Deadline">The caller's deadline (UTC), <see cref="DateTime.MaxValue"/> for none.</param>
public sealed record GenerationSettings(
    string UserId, string Prompt, GenerationStrategy Strategy, int N, int BlockTokens, int MaxTokens, double Temperature, long Seed, DateTime Deadline);
