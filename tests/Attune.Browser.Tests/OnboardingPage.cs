using System.Globalization;
using Microsoft.Playwright;

namespace Attune.Browser.Tests;

/// <summary>The onboarding page as a person uses it: by labels and button names, reading what is on the screen.</summary>
public sealed class OnboardingPage(IPage page)
{
    /// <summary>The browser page.</summary>
    public IPage Page { get; } = page;

    /// <summary>Types the user name and starts; waits for the first pair.</summary>
    public async Task StartAsync(string user)
    {
        await Page.GetByLabel("Your user name").FillAsync(user);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#question")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#response-a")).Not.ToBeEmptyAsync();
    }

    /// <summary>The pair on screen: prompt, answer A, answer B.</summary>
    public async Task<(string Prompt, string A, string B)> PairAsync() =>
        (await Page.Locator("#pair-prompt").InnerTextAsync(), await Page.Locator("#response-a").InnerTextAsync(),
         await Page.Locator("#response-b").InnerTextAsync());

    /// <summary>The weights the bars show, one per base function.</summary>
    public async Task<double[]> WeightsAsync()
    {
        var rows = Page.Locator("#bars li");
        var values = new List<double>();
        foreach (var row in await rows.AllAsync())
        {
            values.Add(double.Parse((await row.GetAttributeAsync("data-weight"))!, CultureInfo.InvariantCulture));
        }

        return [.. values];
    }

    /// <summary>The answer counter on screen.</summary>
    public async Task<int> AnswersAsync() =>
        int.Parse(await Page.Locator("#answer-count").InnerTextAsync(), CultureInfo.InvariantCulture);

    /// <summary>Answers the pair with the button named <paramref name="button"/> and waits for the counter to move.</summary>
    public async Task AnswerAsync(string button, bool byKeyboard = false)
    {
        var before = await AnswersAsync();
        var target = Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        if (byKeyboard)
        {
            await target.FocusAsync();
            await Page.Keyboard.PressAsync("Enter");
        }
        else
        {
            await target.ClickAsync();
        }

        await Assertions.Expect(Page.Locator("#answer-count")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        if (before + 1 == FinishedAfter)
        {
            // The finished state replaces the question until the user asks for more.
            await Assertions.Expect(Page.Locator("#learned")).ToBeVisibleAsync();
            return;
        }

        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "I prefer A" })).ToBeEnabledAsync();
    }

    /// <summary>Answers after which the page shows what it learned (the page's ENOUGH_ANSWERS).</summary>
    public const int FinishedAfter = 10;

    /// <summary>Asks <paramref name="question"/> and returns the two answers shown: for the user, for everyone.</summary>
    public async Task<(string Personal, string Population, string Source)> AskAsync(string question)
    {
        var personal = Page.Locator("#answer-personal");
        var previous = await personal.InnerTextAsync();
        await Page.GetByLabel("Your question").FillAsync(question);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Answer for me" }).ClickAsync();
        await Page.WaitForFunctionAsync(
            "([previous, question]) => document.getElementById('error').textContent.length > 0 || (!document.getElementById('answers').hidden && document.getElementById('answer-personal').textContent !== previous && document.getElementById('ask-button').disabled === false)",
            new object[] { previous, question },
            new() { Timeout = 60_000 });
        var error = await Page.Locator("#error").InnerTextAsync();
        if (error.Length > 0)
        {
            throw new InvalidOperationException($"the page showed an error instead of answers to '{question}': {error}");
        }

        return (await personal.InnerTextAsync(), await Page.Locator("#answer-population").InnerTextAsync(), await Page.Locator("#answers-source").InnerTextAsync());
    }

    /// <summary>Ten answers, preferring the shorter response (a consistent taste), one of them by keyboard.</summary>
    public async Task AnswerTenAsync(Func<int, Task>? afterEach = null)
    {
        for (var i = 0; i < 10; i++)
        {
            var (_, a, b) = await PairAsync();
            var button = i == 4 ? "No preference" : a.Length <= b.Length ? "I prefer A" : "I prefer B";
            await AnswerAsync(button, byKeyboard: i == 2);
            if (afterEach is not null)
            {
                await afterEach(i + 1);
            }
        }
    }
}
