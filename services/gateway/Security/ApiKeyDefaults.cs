namespace Attune.Gateway.Security;

/// <summary>The names the gateway's configuration refers to: its authentication scheme, authorization and rate limiter policies.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy of every keyed route (<c>AuthorizationPolicy</c> in a YARP route): a valid key.</summary>
    public const string Policy = "ApiKey";

    /// <summary>The rate limiter policy of every keyed route (<c>RateLimiterPolicy</c> in a YARP route): the key's bucket.</summary>
    public const string RateLimiterPolicy = "PerKey";
}
