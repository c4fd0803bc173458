namespace Attune.Data.Styles;

/// <summary>The topic bank of the styles world (written for Attune) and the prompt templates built on it.</summary>
internal static class StylesTopics
{
    public static readonly string[] PromptTemplates =
    [
        "How can I get better at {activity}?",
        "Do you have any tips for {activity}?",
        "What should a beginner know about {activity}?",
        "I keep struggling with {activity}. What would you suggest?",
    ];

    public static readonly StylesTopic[] All =
    [
        new("keeping houseplants alive", "my houseplants", ["water only when the top inch of soil is dry", "put the plants near a bright window without harsh midday sun", "use pots with drainage holes", "wipe the dust off the leaves every few weeks", "feed them a little fertilizer during the growing season"]),
        new("sleeping better", "my pillow", ["go to bed at the same time every night", "keep the bedroom cool and dark", "put the phone away an hour before bed", "avoid coffee after lunch", "get some daylight early in the morning"]),
        new("saving money on groceries", "the shopping cart", ["plan the meals for the week before you shop", "write a list and stick to it", "buy store brands for the basics", "cook larger batches and freeze the leftovers", "never shop when you are hungry"]),
        new("learning a new language", "grammar", ["practise a little every single day", "learn the most common words first", "listen to podcasts in the language", "speak with native speakers as early as you can", "keep a notebook of useful phrases"]),
        new("running a first 5k", "my running shoes", ["start with a mix of walking and jogging", "increase the distance slowly each week", "buy shoes that fit your feet well", "warm up before every run", "rest at least one day between runs"]),
        new("making coffee at home", "the coffee machine", ["use freshly ground beans", "measure the coffee and the water", "keep the water just below boiling", "clean the machine regularly", "store the beans in an airtight container"]),
        new("cooking rice", "the rice cooker", ["rinse the rice until the water runs clear", "use the right ratio of water to rice", "keep the lid on while it simmers", "let it rest for ten minutes after cooking", "fluff it with a fork before serving"]),
        new("studying for exams", "my textbook", ["start reviewing a few weeks ahead", "test yourself instead of rereading notes", "study in short focused sessions", "explain the material out loud", "sleep well the night before the exam"]),
        new("working from home", "my office chair", ["set up a dedicated workspace", "keep regular working hours", "take short breaks away from the screen", "write a short to-do list each morning", "turn off notifications while you focus"]),
        new("packing for a trip", "my suitcase", ["make a packing list a few days ahead", "roll your clothes instead of folding them", "pack outfits that mix and match", "keep your documents in one easy pocket", "leave some space for things you buy"]),
        new("training a puppy", "the puppy", ["reward good behaviour right away", "keep training sessions short", "be consistent with your commands", "take the puppy outside often", "let the puppy meet people and other dogs"]),
        new("baking bread", "the dough", ["weigh the flour instead of using cups", "let the dough rise in a warm place", "knead until the dough is smooth and elastic", "preheat the oven fully", "let the loaf cool before slicing"]),
        new("public speaking", "the microphone", ["practise the talk out loud several times", "know your opening lines by heart", "speak slowly and pause often", "look at a few friendly faces in the audience", "keep the slides simple"]),
        new("starting a vegetable garden", "the tomatoes", ["pick a spot with at least six hours of sun", "start with easy crops like lettuce and beans", "improve the soil with compost", "water deeply but not too often", "pull weeds while they are small"]),
        new("writing a cover letter", "the hiring manager", ["address the letter to a real person", "match your skills to the job description", "open with a strong first sentence", "keep it to one page", "proofread it twice"]),
        new("keeping a clean kitchen", "the dirty dishes", ["wash the dishes right after meals", "wipe the counters every evening", "clear old food out of the fridge each week", "keep a small bin by the prep area", "put things back where they belong"]),
        new("making friends in a new city", "my neighbours", ["join a club or class that matches your interests", "say yes to invitations", "talk to your neighbours", "volunteer for a local cause", "follow up after a first meeting"]),
        new("learning to play guitar", "the guitar", ["practise a few minutes every day", "learn the basic open chords first", "use a tuner before you play", "play along with songs you enjoy", "keep the nails on your fretting hand short"]),
        new("budgeting each month", "my bank account", ["track every expense for a month", "set a limit for each category", "save early in the month before you spend", "review the budget at the end of the month", "keep a small emergency fund"]),
        new("reducing screen time", "my phone", ["turn off notifications for most apps", "set app timers on your phone", "keep the phone out of the bedroom", "replace scrolling with a short walk", "plan screen-free hours each day"]),
        new("preparing for a job interview", "the interviewer", ["research the company before the interview", "prepare short stories about your past work", "practise common questions with a friend", "prepare a few questions for the interviewer", "arrive ten minutes early"]),
        new("cycling to work", "my bike", ["check the tyres and brakes every week", "plan a route on quiet streets", "wear bright clothing and use lights", "carry a small repair kit", "leave a change of clothes at work"]),
        new("decluttering a home", "the junk drawer", ["start with one small drawer", "sort things into keep, donate and throw away", "let go of items you have not used in a year", "find a fixed home for everything you keep", "do a quick tidy every evening"]),
        new("painting a room", "the paint roller", ["clean and patch the walls first", "use tape along the edges", "apply a primer on dark walls", "use two thin coats instead of one thick coat", "keep the room well ventilated"]),
        new("eating more vegetables", "broccoli", ["add vegetables to meals you already like", "keep washed vegetables ready in the fridge", "roast them with a little oil and salt", "fill half your plate with vegetables", "try one new vegetable each week"]),
        new("meditating every day", "my busy mind", ["start with five minutes a day", "sit in a quiet and comfortable place", "focus on your breathing", "gently return to the breath when your mind wanders", "meditate at the same time every day"]),
    ];

    /// <summary>
    /// The topic of a question outside the bank: "this" as the activity and general advice as tips, so that a rendered
    /// response carries the same style markers as the world's own (a stand-in, not an answer).
    /// </summary>
    public static readonly StylesTopic Generic = new("this", "this question", ["break the problem into small steps and take them one at a time", "start with the simplest approach that could work", "check a reliable source before you commit to anything", "ask someone who has done it before", "write down what you try and what happens"]);

    /// <summary>Every prompt: topic t with template k, ordered template-major so the first 26 prompts cover every topic.</summary>
    public static IReadOnlyList<(string Prompt, StylesTopic Topic)> Prompts()
    {
        var prompts = new List<(string, StylesTopic)>();
        foreach (var template in PromptTemplates)
        {
            foreach (var topic in All)
            {
                prompts.Add((template.Replace("{activity}", topic.Activity, StringComparison.Ordinal), topic));
            }
        }

        return prompts;
    }
}
