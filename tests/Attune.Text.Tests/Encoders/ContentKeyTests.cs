using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

public sealed class ContentKeyTests
{
    [Fact]
    public void Of_encoderAndText_isSha256OfBothJoinedByANewline()
    {
        // sha256("minilm:v1\nhello") computed independently (Python hashlib).
        Assert.Equal("cdeeced020e3e270667822ca5f7d0ee9ed780ae2737e6b2028539acdba7569c7", ContentKey.Of("minilm:v1", "hello"));
    }

    [Fact]
    public void Of_otherEncoderOrText_givesAnotherKey()
    {
        var key = ContentKey.Of("minilm:v1", "hello");

        Assert.NotEqual(key, ContentKey.Of("minilm:v2", "hello"));
        Assert.NotEqual(key, ContentKey.Of("minilm:v1", "hello "));
    }
}
