extern alias adapter;
using adapter::Attune.Adapter.Domain;
using adapter::Attune.Adapter.Extensions;
using Attune.ServiceDefaults;
using Attune.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Generator.Tests;

/// <summary>
/// The real adapter service in process, wired as its Program.cs wires it (<see cref="InProcessServiceHost"/>: service defaults, AddAdapterServices), on an
/// ephemeral 127.0.0.1 port with SQLite in a temp folder and the in-memory bus. With a model, <see cref="TestModel"/> is
/// put in force the way a restarted adapter resumes: stored as its own copy, then resumed, so no trainer is needed.
/// </summary>
public sealed class AdapterHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDir;

    private AdapterHost(WebApplication app, string dataDir, string address)
    {
        _app = app;
        _dataDir = dataDir;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port.</summary>
    public string Address { get; }

    public static async Task<AdapterHost> StartAsync(bool withModel)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "attune-generator-tests-" + Guid.NewGuid().ToString("N"));
        var app = InProcessServiceHost.Build(
            "Attune.Adapter", dataDir, [0], new Dictionary<string, string?>(), bridge: null,
            b => b.AddAdapterServices(), a => a.MapAdapterServices());
        await app.StartAsync();
        if (withModel)
        {
            await app.Services.GetRequiredService<IModelStore>().PublishAsync(1, TestModel.File, "{\"source\":\"test\"}");
            await app.Services.GetRequiredService<ModelSync>().ResumeFromCopyAsync(CancellationToken.None);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdapterHost(app, dataDir, address);
    }

    /// <summary>Stores an answer (P(a over b) = <paramref name="preference"/>) as the adapter does for SubmitAnswer, and refits the user.</summary>
    public Task AnswerAsync(string user, string prompt, string a, string b, double preference) =>
        _app.Services.GetRequiredService<ProfileBook>().AddAnswerAsync(
            new ProfileAnswer(Guid.NewGuid(), user, prompt, a, b, preference, DateTimeOffset.UtcNow), null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
