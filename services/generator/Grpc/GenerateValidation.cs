using System.Text;
using Attune.Contracts.V1;
using Attune.Generator.Domain;
using Grpc.Core;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Generator.Grpc;

/// <summary>Turns a GenerateRequest into <see cref="GenerationSettings"/>, or INVALID_ARGUMENT naming the first bad field.</summary>
public static class GenerateValidation
{
    /// <summary>Candidates or continuations per block when n is 0.</summary>
    public const int DefaultN = 8;

    /// <summary>Most candidates or continuations per block.</summary>
    public const int MaxN = 32;

    /// <summary>Tokens per block when block_tokens is 0.</summary>
    public const int DefaultBlockTokens = 32;

    /// <summary>Most tokens per block.</summary>
    public const int MaxBlockTokens = 512;

    /// <summary>Response length bound when max_tokens is 0.</summary>
    public const int DefaultMaxTokens = 256;

    /// <summary>Largest max_tokens.</summary>
    public const int MaxMaxTokens = 4096;

    /// <summary>Temperature when 0 is sent.</summary>
    public const double DefaultTemperature = 0.9;

    /// <summary>Validates and applies the defaults.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT naming the field.</exception>
    public static GenerationSettings Validate(GenerateRequest request, DateTime deadline)
    {
        var userId = RequireId(request.UserId, "user_id");
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Invalid("prompt", "is required");
        }

        if (request.Prompt.Length * 3 > MaxTextBytes && Encoding.UTF8.GetByteCount(request.Prompt) > MaxTextBytes)
        {
            throw Invalid("prompt", $"exceeds {MaxTextBytes} bytes of UTF-8");
        }

        if (!Enum.IsDefined(request.Strategy))
        {
            throw Invalid("strategy", $"unknown strategy {(int)request.Strategy}");
        }

        var n = Range(request.N, DefaultN, MaxN, "n");
        var block = Range(request.BlockTokens, DefaultBlockTokens, MaxBlockTokens, "block_tokens");
        var maxTokens = Range(request.MaxTokens, DefaultMaxTokens, MaxMaxTokens, "max_tokens");
        var temperature = request.Temperature;
        if (!double.IsFinite(temperature) || temperature is < 0 or > 2)
        {
            throw Invalid("temperature", $"must be in [0, 2] (0 means {DefaultTemperature}), got {temperature}");
        }

        return new GenerationSettings(
            userId, request.Prompt, request.Strategy, n, block, maxTokens, temperature == 0 ? DefaultTemperature : temperature, request.Seed, deadline);
    }

    private static int Range(int value, int fallback, int max, string field)
    {
        if (value == 0)
        {
            return fallback;
        }

        if (value < 0 || value > max)
        {
            throw Invalid(field, $"must be between 1 and {max} (0 means {fallback}), got {value}");
        }

        return value;
    }
}
