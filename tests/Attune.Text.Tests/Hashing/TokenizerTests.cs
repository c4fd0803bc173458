using Attune.Text.Hashing;

namespace Attune.Text.Tests.Hashing;

public sealed class TokenizerTests
{
    [Fact]
    public void Words_mixedText_lowercasesAndKeepsInnerApostrophes()
    {
        Assert.Equal(["don't", "panic", "42", "it's", "fine"], Tokenizer.Words("Don't PANIC, 42! It\u2019s fine."));
    }

    [Theory]
    [InlineData("One. Two! Three?", 3)]
    [InlineData("no punctuation at all", 1)]
    [InlineData("Wait... what?!", 2)]
    [InlineData("", 0)]
    [InlineData("line one\nline two", 2)]
    public void SentenceCount_text_countsSentences(string text, int expected)
    {
        Assert.Equal(expected, Tokenizer.SentenceCount(text));
    }

    [Fact]
    public void NormalizeForCharacters_spacesAndCase_foldsAndPads()
    {
        Assert.Equal(" hello big world ", Tokenizer.NormalizeForCharacters("Hello \n\t Big   WORLD"));
    }
}
