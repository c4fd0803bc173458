namespace Attune.Data.Styles;

/// <summary>
/// Phrase banks of the styles response generator, written for Attune. Placeholders: {activity}, {subject}, {tip}
/// (lower case) and {Tip} (capitalized). Written without contractions and, outside the enthusiastic bank, without '!',
/// so that the formality and enthusiasm transforms control those markers alone.
/// </summary>
internal static class StylesPhrases
{
    public static readonly string[] Intro =
    [
        "Here is what tends to work for {activity}.",
        "A few habits matter most when it comes to {activity}.",
        "With {activity}, the basics carry you a long way.",
        "There are a handful of things to keep in mind about {activity}.",
    ];

    public static readonly string[] PoliteOpening =
    [
        "Thank you for asking about {activity}.",
        "Thanks so much for your question.",
        "Thank you for reaching out, and great question.",
        "I appreciate you asking about this.",
    ];

    public static readonly string[] BluntOpening =
    [
        "Fine, here is the answer.",
        "This is simple, obviously.",
        "Okay, listen.",
        "Stop overthinking it.",
    ];

    public static readonly string[] EnthusiasticOpening =
    [
        "Oh, I love this topic!",
        "What a wonderful thing to work on!",
        "This is so exciting!",
        "Wow, {activity} is amazing!",
    ];

    public static readonly string[] FlatOpening =
    [
        "Here is the information.",
        "There is not much to say about it.",
        "It is an ordinary thing to do.",
        "The answer is below.",
    ];

    public static readonly string[] ConfidentTip =
    [
        "You should definitely {tip}.",
        "Always {tip}; it certainly works.",
        "Without a doubt, {tip}.",
        "The key is to {tip}, no doubt about it.",
        "{Tip}, and it will work, I am sure of it.",
    ];

    public static readonly string[] NeutralTip =
    [
        "{Tip}.",
        "It helps to {tip}.",
        "Try to {tip}.",
        "A good habit is to {tip}.",
        "You can {tip}.",
    ];

    public static readonly string[] HedgingTip =
    [
        "I think maybe you could {tip}.",
        "Perhaps {tip}, but I am not sure.",
        "It might help to {tip}, possibly.",
        "I guess you could try to {tip}, maybe.",
        "It seems that it may be worth it to {tip}, though I could be wrong.",
    ];

    public static readonly string[] Elaboration =
    [
        "This matters because small habits add up over time.",
        "Most people skip this step, and it shows in the results.",
        "Give it a couple of weeks before you judge the results.",
        "It also makes the whole process feel less overwhelming.",
        "Write down what you did so you can compare later.",
        "Over time this becomes automatic, and you will barely notice it.",
        "The difference is small at first, but it grows with every week.",
    ];

    public static readonly string[] LongOrdinals = ["First,", "Next,", "After that,", "Finally,"];

    public static readonly string[] FormalConnectors = ["Furthermore,", "Moreover,", "In addition,"];

    public static readonly string[] Joke =
    [
        "Just do not tell {subject} I said that, haha.",
        "Honestly, {subject} has a better social life than I do. Just kidding.",
        "If all else fails, blame the weather, that is what I do, lol.",
        "Fun fact: {subject} never judges you, unlike my cat, haha.",
        "I would tell you a joke about {subject}, but it might fall flat, no pun intended.",
    ];

    public static readonly string[] Serious =
    [
        "This deserves to be taken seriously.",
        "Treat this seriously, since mistakes here are costly.",
        "Approach this with care and attention; it is not a game.",
        "Take this step by step and stay focused on the goal.",
    ];

    public static readonly string[] EngagingQuestion =
    [
        "Have you tried any of this before?",
        "What part of {activity} do you find hardest?",
        "Imagine how good it will feel when it clicks. Can you picture it?",
        "Which tip will you try first?",
        "What is your biggest goal here?",
    ];

    public static readonly string[] EngagingOpening =
    [
        "Ever wondered why {activity} feels hard at first?",
        "Can I ask you something first: what made you curious about this?",
        "Picture yourself a month from now. How would you like it to go?",
        "Curious where to begin?",
    ];

    public static readonly string[] PlainClosing = ["That is all.", "Those are the steps.", "End of answer.", "Nothing more to add."];

    public static readonly string[] PoliteClosing =
    [
        "I hope this helps, and please let me know if you have any questions.",
        "Thank you again, and please take care.",
        "Please feel free to ask if anything is unclear.",
        "Thanks for reading, and I hope this helps.",
    ];

    public static readonly string[] BluntClosing =
    [
        "Figure out the rest yourself.",
        "That is it, do not overthink it.",
        "Just do it, no excuses.",
        "Enough said.",
    ];

    public static readonly string[] EnthusiasticExtra =
    [
        "You are going to love the results!",
        "It is honestly so much fun!",
        "The results are fantastic!",
        "I am so excited for you!",
    ];

    public static readonly string[] FlatExtra = ["It is fine either way.", "Results are average, usually.", "Nothing special."];

    public static readonly string[] CasualAside =
    [
        "Pretty chill stuff, tbh.",
        "It is kind of fun once you get going.",
        "No biggie if you mess up, btw.",
        "Yeah, it is pretty much that simple.",
    ];

    public static readonly string[] CasualGreeting = ["Hey,", "Hey there,", "Yo,", "Okay so,"];

    public static readonly string[] CasualSignOff = ["Cheers.", "Later.", "Peace out."];

    /// <summary>Casual rendering: longer phrases first so "do not" is replaced before "not".</summary>
    public static readonly (string From, string To)[] Contractions =
    [
        ("I am going to", "I'm gonna"), ("going to", "gonna"), ("want to", "wanna"), ("kind of", "kinda"),
        ("do not", "don't"), ("does not", "doesn't"), ("is not", "isn't"), ("are not", "aren't"), ("have not", "haven't"),
        ("I am", "I'm"), ("It is", "It's"), ("it is", "it's"), ("That is", "That's"), ("that is", "that's"),
        ("There is", "There's"), ("there is", "there's"), ("you will", "you'll"), ("You are", "You're"),
        ("you are", "you're"), ("I would", "I'd"), ("What is", "What's"), ("it will", "it'll"),
    ];
}
