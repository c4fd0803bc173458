using Grpc.Core;
using Attune.Trainer.Grpc;
using Microsoft.Data.Sqlite;

namespace Attune.Trainer.Tests;

public sealed class StoreOutageInterceptorTests
{
    [Fact]
    public async Task UnaryServerHandler_storeBusy_unavailable()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            new StoreOutageInterceptor().UnaryServerHandler<string, string>("request", null!,
                (_, _) => throw new SqliteException("database is locked", 5)));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Fact]
    public async Task UnaryServerHandler_otherStoreError_passesThrough() =>
        await Assert.ThrowsAsync<SqliteException>(() =>
            new StoreOutageInterceptor().UnaryServerHandler<string, string>("request", null!,
                (_, _) => throw new SqliteException("no such table", 1)));
}
