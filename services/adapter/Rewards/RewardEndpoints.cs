namespace Attune.Adapter.Rewards;

/// <summary>Maps the RL trainer faces (OpenRLHF's <c>/get_reward</c>, vLLM's <c>/v1/score</c> and <c>/classify</c>) on the adapter.</summary>
public static class RewardEndpoints
{
    /// <summary>Maps the three POST routes; the gateway routes them with the API key and rate limit of every route.</summary>
    public static IEndpointRouteBuilder MapRewardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(OpenRlhfRewardEndpoint.Path, c => RewardHttp.RunAsync(c, OpenRlhfRewardEndpoint.HandleAsync));
        endpoints.MapPost(VllmScoreEndpoint.Path, c => RewardHttp.RunAsync(c, VllmScoreEndpoint.HandleAsync));
        endpoints.MapPost(VllmClassifyEndpoint.Path, c => RewardHttp.RunAsync(c, VllmClassifyEndpoint.HandleAsync));
        return endpoints;
    }
}
