using System.Security.Claims;
using System.Text.Encodings.Web;
using Attune.Gateway.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Security;

/// <summary>
/// Authenticates a call by its API key (<see cref="Credentials"/>): a configured key makes the call's user the key's
/// name; no key is no result, a wrong key a failure. The challenge (a keyed route without a valid key) answers
/// UNAUTHENTICATED as a Trailers-Only gRPC response, or 401 with a JSON error on the JSON routes.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Credentials.Read(Request.Headers, out var fromAuthorization);
        if (presented.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = keys.Find(presented);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(Credentials.InvalidKeyMessage));
        }

        if (fromAuthorization)
        {
            Context.Items[Credentials.FromAuthorizationItem] = true;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await CallErrors.WriteAsync(Context, StatusCode.Unauthenticated, StatusCodes.Status401Unauthorized,
            result.Failure?.Message ?? Credentials.MissingKeyMessage);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CallErrors.WriteAsync(Context, StatusCode.PermissionDenied, StatusCodes.Status403Forbidden, "This API key may not make this call.");
}
