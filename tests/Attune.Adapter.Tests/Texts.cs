namespace Attune.Adapter.Tests;

/// <summary>Prompts with a formal and a casual answer giving the same advice (the styles world's formality markers).</summary>
public static class Texts
{
    public static readonly (string Topic, string Tip)[] Topics =
    [
        ("water houseplants", "check the soil with a finger and water only when the top layer is dry"),
        ("boil an egg", "place the egg in boiling water for nine minutes and then cool it in cold water"),
        ("save money", "set aside a fixed share of every payment before spending anything"),
        ("learn a language", "practise a little every day and speak with native speakers"),
        ("sleep better", "keep a regular bedtime and avoid screens in the last hour"),
        ("start running", "begin with short intervals of running and walking three times a week"),
        ("clean a laptop", "switch it off and wipe the keys with a slightly damp cloth"),
        ("bake bread", "let the dough rise twice and bake it in a very hot oven"),
        ("fix a flat tyre", "find the hole with soapy water and patch the tube"),
        ("plan a trip", "fix a budget first and book transport before accommodation"),
        ("write a cover letter", "name the role and show one concrete result from earlier work"),
        ("focus while studying", "work in blocks of twenty five minutes with short breaks"),
    ];

    public static string Prompt(int i) => $"How do I {Topics[i].Topic}?";

    public static string Formal(int i) =>
        $"Dear reader, thank you for your question. It is advisable to {Topics[i].Tip}. I would be delighted to assist further. Kind regards.";

    public static string Casual(int i) =>
        $"Hey, tbh you're gonna wanna {Topics[i].Tip} lol. It's no biggie, you'll be fine, dude.";
}
