using Microsoft.Playwright;

namespace Attune.Browser.Tests;

/// <summary>
/// The page in Debian's Chromium against <c>attune up</c>: what a person sees through ten answers and a generation.
/// Screenshots go to <see cref="Artifacts.Directory"/>.
/// </summary>
public sealed class OnboardingPageTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    [Fact]
    public async Task Page_tenAnswers_pairShownBarsMoveAndClusterShown()
    {
        Requires.That(Chromium.Available, Chromium.Requirement);
        var (stack, browser) = await fixture.GetAsync(TestContext.Current.CancellationToken);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = new OnboardingPage(await context.NewPageAsync());
        await page.Page.GotoAsync(stack.PageUrl.ToString());

        // The demo key came in the URL fragment: the page does not ask for one, and the fragment is gone.
        await Assertions.Expect(page.Page.GetByText("Using the demo key")).ToBeVisibleAsync();
        Assert.DoesNotContain("key=", page.Page.Url, StringComparison.Ordinal);
        await page.StartAsync($"browser-{Guid.NewGuid():N}"[..20]);
        var (prompt, a, b) = await page.PairAsync();
        Assert.False(string.IsNullOrWhiteSpace(prompt));
        Assert.NotEqual(a, b);
        var prior = await page.WeightsAsync();
        Assert.NotEmpty(prior);
        // Before any answer: no group is claimed, and every bar carries the name of its function.
        await Assertions.Expect(page.Page.Locator("#cluster")).ToHaveTextAsync("Answer a question to see which group of users you are closest to.");
        foreach (var row in await page.Page.Locator("#bars li").AllAsync())
        {
            Assert.Contains(" <-> ", await row.GetAttributeAsync("data-name") ?? "", StringComparison.Ordinal);
        }

        await Assertions.Expect(page.Page.Locator("#bars .bar-pole.high").First).Not.ToBeEmptyAsync();
        await page.Page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("01-first-pair"), FullPage = true });

        var moved = 0;
        var previous = prior;
        await page.AnswerTenAsync(async n =>
        {
            var now = await page.WeightsAsync();
            Assert.Equal(prior.Length, now.Length);
            moved += now.SequenceEqual(previous) ? 0 : 1;
            previous = now;
            if (n == 1)
            {
                await page.Page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("02-after-one-answer"), FullPage = true });
            }
        });

        Assert.Equal(10, await page.AnswersAsync());
        Assert.True(moved >= 9, $"the bars moved after only {moved} of 10 answers");
        await Assertions.Expect(page.Page.Locator("#cluster")).ToContainTextAsync("Closest group of users: group ");
        await Assertions.Expect(page.Page.Locator("#learned")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#learned-summary")).ToContainTextAsync("After 10 answers");
        var inForce = System.Text.RegularExpressions.Regex.Match(stack.Log, @"model (\d+) in force").Groups[1].Value;
        Assert.NotEmpty(inForce);
        await Assertions.Expect(page.Page.Locator("#model-version")).ToHaveTextAsync($"Scored with model version {inForce}, the one in force.");
        await Assertions.Expect(page.Page.Locator("#ask")).ToBeVisibleAsync();
        await page.Page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("03-after-ten-answers"), FullPage = true });
    }

    [Fact]
    public async Task Page_onAPhone_noSidewaysScrollAndAnswersStack()
    {
        Requires.That(Chromium.Available, Chromium.Requirement);
        var (stack, browser) = await fixture.GetAsync(TestContext.Current.CancellationToken);
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = new OnboardingPage(await context.NewPageAsync());
        await page.Page.GotoAsync(stack.PageUrl.ToString());
        await page.StartAsync($"phone-{Guid.NewGuid():N}"[..16]);

        var overflow = await page.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        var boxA = await page.Page.Locator("#response-a").BoundingBoxAsync();
        var boxB = await page.Page.Locator("#response-b").BoundingBoxAsync();

        Assert.False(overflow, "the page scrolls sideways on a 390 px wide phone");
        Assert.True(boxB!.Y >= boxA!.Y + boxA.Height, "the two answers are side by side on a phone instead of stacked");
        await page.Page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("04-phone"), FullPage = true });
    }

    [Fact]
    public async Task Page_afterTenAnswers_personalizedAnswerBesideNonPersonalized()
    {
        Requires.That(Chromium.Available, Chromium.Requirement);
        var (stack, browser) = await fixture.GetAsync(TestContext.Current.CancellationToken);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = new OnboardingPage(await context.NewPageAsync());
        await page.Page.GotoAsync(stack.PageUrl.ToString());
        await page.StartAsync($"ask-{Guid.NewGuid():N}"[..16]);
        await page.AnswerTenAsync();

        await page.Page.GetByLabel("Your question").FillAsync("How can I get better at cycling to work?");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Answer for me" }).ClickAsync();
        var answers = page.Page.Locator("#answers");
        var error = page.Page.Locator("#error");
        await page.Page.WaitForFunctionAsync(
            "() => !document.getElementById('answers').hidden || document.getElementById('error').textContent.length > 0",
            null,
            new() { Timeout = 60_000 });
        Assert.True(await answers.IsVisibleAsync(), $"the page showed an error instead of the answers: {await error.InnerTextAsync()}");
        await Assertions.Expect(answers).ToBeVisibleAsync();
        var mine = page.Page.Locator("#answer-personal");
        var everyone = page.Page.Locator("#answer-population");
        await Assertions.Expect(mine).Not.ToBeEmptyAsync();
        await Assertions.Expect(everyone).Not.ToBeEmptyAsync();
        var mineBox = await mine.BoundingBoxAsync();
        var everyoneBox = await everyone.BoundingBoxAsync();
        Assert.True(everyoneBox!.X > mineBox!.X + mineBox.Width - 1, "the two answers are not side by side");
        await page.Page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("05-two-answers"), FullPage = true });
    }

    /// <summary>A wrong key in the page's URL stops the flow: refused, the key field back, no question asked, no endless loading.</summary>
    [Fact]
    public async Task Page_wrongKey_stopsWithARefusalAndAsksForAKey()
    {
        Requires.That(Chromium.Available, Chromium.Requirement);
        var (stack, browser) = await fixture.GetAsync(TestContext.Current.CancellationToken);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var url = new UriBuilder(stack.PageUrl) { Fragment = "key=demo-wrong-key" }.Uri;
        await page.GotoAsync(url.ToString());

        await page.GetByLabel("Your user name").FillAsync($"wrong-key-{Guid.NewGuid():N}"[..20]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();

        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("That API key was refused. Enter a valid key and press Start again.");
        await Assertions.Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#question")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#profile")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("06-wrong-key"), FullPage = true });
    }
}
