using System.Text;
using Grpc.Core;

namespace Attune.ServiceDefaults;

/// <summary>
/// Turns a bad request field into the gRPC status a caller can act on: INVALID_ARGUMENT naming the field (its proto name,
/// e.g. <c>comparison.user_id</c>), or RESOURCE_EXHAUSTED for text over its size limit.
/// </summary>
public static class FieldValidation
{
    /// <summary>Largest prompt or response accepted, in UTF-8 bytes (32 KiB).</summary>
    public const int MaxTextBytes = 32 * 1024;

    /// <summary>Largest identifier (user id, client id), in characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>An INVALID_ARGUMENT exception naming <paramref name="field"/>.</summary>
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    /// <summary>A required identifier: non-empty, at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    public static string RequireId(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, "is required");
        }

        return CheckId(value, field);
    }

    /// <summary>An optional identifier: null when empty, else as <see cref="RequireId"/>.</summary>
    public static string? OptionalId(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null : CheckId(value, field);

    /// <summary>Required text of at most <see cref="MaxTextBytes"/> UTF-8 bytes.</summary>
    public static string RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, "is required");
        }

        // Most texts are far below the limit; count bytes only when the character count could exceed it.
        if (value.Length * 3 > MaxTextBytes && Encoding.UTF8.GetByteCount(value) > MaxTextBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{field}: exceeds {MaxTextBytes} bytes of UTF-8"));
        }

        return value;
    }

    /// <summary>A probability in [0, 1].</summary>
    public static double RequireProbability(double value, string field)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1)
        {
            throw Invalid(field, $"must be in [0, 1], got {value}");
        }

        return value;
    }

    /// <summary>A page size in [1, <paramref name="max"/>], with 0 meaning <paramref name="fallback"/>.</summary>
    public static int PageSize(int value, int fallback, int max, string field)
    {
        if (value == 0)
        {
            return fallback;
        }

        if (value < 0 || value > max)
        {
            throw Invalid(field, $"must be between 1 and {max}, got {value}");
        }

        return value;
    }

    private static string CheckId(string value, string field)
    {
        if (value.Length > MaxIdLength)
        {
            throw Invalid(field, $"is longer than {MaxIdLength} characters");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw Invalid(field, "contains a control character");
            }
        }

        return value;
    }
}
