namespace Attune.Generator.Tests;

/// <summary>
/// The fake LLM, a real adapter with the test model in force, and user <see cref="CasualUser"/> who has answered ten
/// formal-vs-casual questions preferring casual; generators are started per test against them.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    /// <summary>A user whose reward differs from the population's.</summary>
    public const string CasualUser = "casual-fan";

    public FakeLlm Llm { get; private set; } = null!;

    public AdapterHost Adapter { get; private set; } = null!;

    /// <summary>Settings of a generator using the fake LLM and the adapter.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Services:Adapter"] = Adapter.Address,
        ["Generator:Backend:Url"] = Llm.Address,
        ["Generator:Backend:Model"] = "fake-llm",
    };

    public async ValueTask InitializeAsync()
    {
        Llm = await FakeLlm.StartAsync();
        Adapter = await AdapterHost.StartAsync(withModel: true);
        for (var p = 1; p <= 10; p++)
        {
            var (formal, casual) = StylesTexts.FormalCasual(p);
            await Adapter.AnswerAsync(CasualUser, Attune.Data.Styles.StylesResponseGenerator.Prompts[p], formal, casual, preference: 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Adapter.DisposeAsync();
        await Llm.DisposeAsync();
    }
}
