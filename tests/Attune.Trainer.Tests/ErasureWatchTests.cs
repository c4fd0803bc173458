using Attune.Trainer.Training;

namespace Attune.Trainer.Tests;

public sealed class ErasureWatchTests
{
    [Fact]
    public void AnyErased_userErasedAfterBegin_trueOnlyForThatUser()
    {
        var watch = new ErasureWatch();
        watch.Record("before");
        using var scope = watch.Begin();

        watch.Record("during");

        Assert.True(scope.AnyErased(["x", "during"]));
        Assert.False(scope.AnyErased(["before", "x"]));
    }
}
