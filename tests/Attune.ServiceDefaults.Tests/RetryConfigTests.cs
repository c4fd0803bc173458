using Attune.Contracts.V1;
using Attune.ServiceDefaults;
using Grpc.Core;

namespace Attune.ServiceDefaults.Tests;

public sealed class RetryConfigTests
{
    [Fact]
    public void RetryConfig_adapter_retriesReadsOnUnavailableOnly()
    {
        var config = GrpcClientExtensions.RetryConfig(AdapterService.Descriptor);

        var method = Assert.Single(config.MethodConfigs);
        Assert.Equal(["Compare", "GetProfile", "NextQuery", "Score"], method.Names.Select(n => n.Method).Order());
        Assert.All(method.Names, n => Assert.Equal("attune.v1.AdapterService", n.Service));
        Assert.Equal([StatusCode.Unavailable], method.RetryPolicy!.RetryableStatusCodes);
        Assert.Equal(GrpcClientExtensions.MaxAttempts, method.RetryPolicy.MaxAttempts);
    }

    [Fact]
    public void RetryConfig_feedback_neverRetriesWrites()
    {
        var names = GrpcClientExtensions.RetryConfig(FeedbackService.Descriptor).MethodConfigs[0].Names.Select(n => n.Method).ToList();

        Assert.DoesNotContain("RecordComparison", names);
        Assert.DoesNotContain("RecordComparisons", names);
        Assert.DoesNotContain("EraseUser", names);
        Assert.Contains("ListComparisons", names);
    }
}
