using Attune.Data;
using Attune.Data.Jsonl;

namespace Attune.Text.Tests.Data;

public sealed class ComparisonJsonlTests
{
    private const string Valid = """{"user_id": "u1", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1}""";

    private static List<Comparison> ReadAll(string text) => ComparisonJsonlReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Write_thenRead_roundTripsEveryField()
    {
        Comparison[] original =
        [
            new("u1", "Wie geht's?\nZeile 2", "gut \"quoted\"", "schlecht", 1.0) { ClientId = "web" },
            new("u2", "", "x", "y", 0.25) { FeaturesA = [0.5f, -1e-3f], FeaturesB = [1f, 2f] },
            new("u3", "p", "tie a", "tie b", 0.5),
        ];
        var writer = new StringWriter();

        var written = ComparisonJsonlWriter.Write(writer, original);
        var read = ReadAll(writer.ToString());

        Assert.Equal(3, written);
        Assert.Equal(3, read.Count);
        for (var i = 0; i < original.Length; i++)
        {
            Assert.Equal(original[i] with { FeaturesA = null, FeaturesB = null }, read[i] with { FeaturesA = null, FeaturesB = null });
            Assert.Equal(original[i].FeaturesA, read[i].FeaturesA);
            Assert.Equal(original[i].FeaturesB, read[i].FeaturesB);
        }
    }

    [Fact]
    public void ToLine_optionalFieldsNull_omitsThem()
    {
        var line = ComparisonJsonlWriter.ToLine(new Comparison("u", "p", "a", "b", 0));

        Assert.Equal("""{"user_id":"u","prompt":"p","response_a":"a","response_b":"b","preference":0}""", line);
    }

    [Fact]
    public void Read_blankLinesAndUnknownFields_skipsAndIgnoresThem()
    {
        var text = "\n" + Valid.Replace("}", ", \"extra\": 3}") + "\n   \n" + Valid + "\n";

        Assert.Equal(2, ReadAll(text).Count);
    }

    [Theory]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1""", null, "not valid JSON")]
    [InlineData("""[1, 2]""", null, "expected a JSON object")]
    [InlineData("""{"prompt": "p", "response_a": "a", "response_b": "b", "preference": 1}""", "user_id", "missing")]
    [InlineData("""{"user_id": " ", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1}""", "user_id", "empty")]
    [InlineData("""{"user_id": 7, "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1}""", "user_id", "expected a string")]
    [InlineData("""{"user_id": "u", "response_a": "a", "response_b": "b", "preference": 1}""", "prompt", "missing")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "same", "response_b": "same", "preference": 1}""", "response_b", "identical")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b"}""", "preference", "missing")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": NaN}""", "preference", "NaN is not a number")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": "NaN"}""", "preference", "NaN is not a number")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1.5}""", "preference", "outside [0, 1]")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": -0.1}""", "preference", "outside [0, 1]")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": "1"}""", "preference", "expected a number")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1, "features_a": [1]}""", "features_b", "both be given")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1, "features_a": [1], "features_b": [1, 2]}""", "features_b", "1 entries but features_b has 2")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1, "features_a": [1, NaN], "features_b": [1, 2]}""", "features_a", "NaN is not a number")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1, "features_a": [1, "x"], "features_b": [1, 2]}""", "features_a", "features_a[1] is not a finite number")]
    [InlineData("""{"user_id": "u", "prompt": "p", "response_a": "a", "response_b": "b", "preference": 1, "client_id": 5}""", "client_id", "expected a string")]
    public void Read_invalidThirdLine_throwsWithLineNumberAndField(string badLine, string? field, string message)
    {
        var text = Valid + "\n\n" + badLine + "\n" + Valid;

        var e = Assert.Throws<ComparisonFormatException>(() => ReadAll(text));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
        Assert.StartsWith(field is null ? "line 3:" : $"line 3, field {field}:", e.Message);
    }

    [Fact]
    public void Read_validLinesBeforeBadOne_areYieldedFirst()
    {
        var seen = new List<Comparison>();

        Assert.Throws<ComparisonFormatException>(() =>
        {
            foreach (var c in ComparisonJsonlReader.Read(new StringReader(Valid + "\n" + Valid + "\n{")))
            {
                seen.Add(c);
            }
        });

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Write_invalidRecord_throwsNamingPositionAndField()
    {
        Comparison[] comparisons = [new("u", "p", "a", "b", 1), new("u", "p", "a", "b", double.NaN)];

        var e = Assert.Throws<ArgumentException>(() => ComparisonJsonlWriter.Write(new StringWriter(), comparisons));

        Assert.Contains("comparison 1, field preference", e.Message);
    }

    [Fact]
    public void WriteFile_thenReadFileGzipAndPlain_roundTrips()
    {
        var dir = Directory.CreateTempSubdirectory("attune-jsonl-").FullName;
        try
        {
            var path = Path.Combine(dir, "c.jsonl");
            Comparison[] original = [new("u", "p", "a", "b", 0.5)];
            ComparisonJsonlWriter.WriteFile(path, original);
            var gz = path + ".gz";
            using (var input = File.OpenRead(path))
            using (var output = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
            {
                input.CopyTo(output);
            }

            Assert.Equal(original, ComparisonJsonlReader.ReadFile(path).ToArray());
            Assert.Equal(original, ComparisonJsonlReader.ReadFile(gz).ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
