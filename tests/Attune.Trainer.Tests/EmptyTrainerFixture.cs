namespace Attune.Trainer.Tests;

/// <summary>A trainer with (almost) no feedback and no model.</summary>
public sealed class EmptyTrainerFixture : TrainerServiceFixture;
