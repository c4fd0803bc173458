using Attune.Contracts.V1;
using Attune.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Gateway.Rest;

/// <summary>
/// The JSON face of the main calls (docs/gateway.md has the table). A user named in the path is the call's
/// <c>user_id</c>, whatever the body says.
/// </summary>
public static class RestEndpoints
{
    /// <summary>Maps the routes under <c>/v1/</c>.</summary>
    public static IEndpointRouteBuilder MapRestApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/comparisons", RecordComparison);
        app.MapGet("/v1/users/{user}/profile", GetProfile);
        app.MapPost("/v1/users/{user}/next-query", NextQuery);
        app.MapPost("/v1/users/{user}/answers", SubmitAnswer);
        app.MapPost("/v1/users/{user}/score", Score);
        app.MapPost("/v1/users/{user}/generate", Generate);
        app.MapDelete("/v1/users/{user}", EraseUser);
        app.MapGet("/v1/model", GetModel);
        return app;
    }

    private static Task RecordComparison(HttpContext http) =>
        RestCall.HandleAsync<Comparison, RecordComparisonReply>(http, c =>
            Backends(http).Feedback.RecordComparisonAsync(new RecordComparisonRequest { Comparison = c }, Options(http)));

    private static Task GetProfile(HttpContext http) =>
        RestCall.ReplyAsync(http, () => Backends(http).Adapter.GetProfileAsync(new GetProfileRequest { UserId = User(http) }, Options(http)));

    private static Task NextQuery(HttpContext http) =>
        RestCall.HandleAsync<NextQueryRequest, NextQueryReply>(http, r =>
        {
            r.UserId = User(http);
            return Backends(http).Adapter.NextQueryAsync(r, Options(http));
        });

    private static Task SubmitAnswer(HttpContext http) =>
        RestCall.HandleAsync<SubmitAnswerRequest, SubmitAnswerReply>(http, r =>
        {
            r.UserId = User(http);
            return Backends(http).Adapter.SubmitAnswerAsync(r, Options(http));
        });

    private static Task Score(HttpContext http) =>
        RestCall.HandleAsync<ScoreRequest, ScoreReply>(http, r =>
        {
            r.UserId = User(http);
            return Backends(http).Adapter.ScoreAsync(r, Options(http));
        });

    private static Task Generate(HttpContext http) =>
        RestCall.HandleAsync<GenerateRequest, GenerateReply>(http, r =>
        {
            r.UserId = User(http);
            return Backends(http).Generator.GenerateAsync(r, Options(http));
        });

    private static Task EraseUser(HttpContext http) =>
        RestCall.ReplyAsync(http, () => Backends(http).Feedback.EraseUserAsync(new EraseUserRequest { UserId = User(http) }, Options(http)));

    private static Task GetModel(HttpContext http) =>
        RestCall.ReplyAsync(http, () => Backends(http).Trainer.GetModelAsync(new GetModelRequest(), Options(http)));

    private static RestBackends Backends(HttpContext http) => http.RequestServices.GetRequiredService<RestBackends>();

    private static CallOptions Options(HttpContext http) => Backends(http).CallOptionsFor(http.RequestAborted);

    private static string User(HttpContext http) => http.Request.RouteValues["user"] as string ?? string.Empty;
}
