namespace Attune.Bench.Services;

/// <summary>The comparison every ingest call writes (about 600 bytes of text), with a user and client id per call.</summary>
internal static class Payload
{
    public const string Prompt = "How can I get better at saving money on groceries when prices keep going up every month?";

    public const string ResponseA =
        "Dear reader, thank you for asking about saving money on groceries. First, write a list and stick to it. " +
        "Next, buy store brands for the basics. After that, never shop when you are hungry. Finally, compare unit " +
        "prices rather than package prices. Kind regards.";

    public const string ResponseB =
        "Hey, just make a list, grab the store brands and don't shop hungry. Pretty chill stuff, tbh. Later.";

    public static string User(long sequence) => $"bench-user-{sequence % 500}";
}
