using Microsoft.Playwright;

namespace Attune.Browser.Tests;

/// <summary>One <c>attune up</c> and one Chromium shared by the page tests, started on first use.</summary>
public sealed class PageFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AttuneUp? _stack;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running stack and browser.</summary>
    public async Task<(AttuneUp Stack, IBrowser Browser)> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _stack ??= await AttuneUp.StartAsync(cancellationToken);
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await Chromium.LaunchAsync(_playwright);
            return (_stack, _browser);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        _gate.Dispose();
    }
}
