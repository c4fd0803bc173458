using Microsoft.AspNetCore.Http.Metadata;

namespace Attune.Gateway.Proxy;

/// <summary>A route's request body limit, as endpoint metadata that ASP.NET Core's routing applies to the request.</summary>
/// <param name="MaxRequestBodySize">The largest body, in bytes.</param>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
