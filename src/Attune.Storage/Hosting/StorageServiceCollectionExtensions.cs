using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attune.Storage;

/// <summary>
/// Registers stores as singletons from a configuration section holding <see cref="StorageOptions"/> (e.g.
/// <c>builder.Services.AddFeedbackStore(builder.Configuration.GetSection("Storage:Feedback"))</c>), and a hosted service
/// that runs every registered store's <see cref="IInitializableStore.InitializeAsync"/> before the host starts serving.
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IFeedbackStore"/>.</summary>
    public static IServiceCollection AddFeedbackStore(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateFeedbackStore);

    /// <summary>Registers <see cref="ITrainingDataStore"/>.</summary>
    public static IServiceCollection AddTrainingDataStore(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateTrainingDataStore);

    /// <summary>Registers <see cref="IModelStore"/>.</summary>
    public static IServiceCollection AddModelStore(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateModelStore);

    /// <summary>Registers <see cref="ITrainingJobStore"/>.</summary>
    public static IServiceCollection AddTrainingJobStore(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateTrainingJobStore);

    /// <summary>Registers <see cref="IProfileStore"/>.</summary>
    public static IServiceCollection AddProfileStore(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateProfileStore);

    /// <summary>Registers <see cref="IInbox"/>; point it at the consumer's own database.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration section) =>
        services.AddStore(section, StorageFactory.CreateInbox);

    /// <summary>
    /// The trainer's stores in one database: <see cref="ITrainingDataStore"/>, <see cref="IModelStore"/>,
    /// <see cref="ITrainingJobStore"/> and <see cref="IInbox"/>.
    /// </summary>
    public static IServiceCollection AddTrainerStorage(this IServiceCollection services, IConfiguration section) =>
        services.AddTrainingDataStore(section).AddModelStore(section).AddTrainingJobStore(section).AddInbox(section);

    /// <summary>Reads <see cref="StorageOptions"/> from <paramref name="section"/>, failing with the section's path.</summary>
    public static StorageOptions ReadStorageOptions(this IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new StorageOptions();
        section.Bind(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var path = (section as IConfigurationSection)?.Path ?? "storage section";
            throw new InvalidOperationException(
                $"Configuration '{path}:ConnectionString' is required (environment variable '{path.Replace(":", "__", StringComparison.Ordinal)}__ConnectionString').");
        }

        options.ResolveProvider();
        return options;
    }

    private static IServiceCollection AddStore<TStore>(
        this IServiceCollection services, IConfiguration section, Func<StorageOptions, TimeProvider?, TStore> create)
        where TStore : class, IInitializableStore
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = section.ReadStorageOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => create(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInitializableStore>(sp => sp.GetRequiredService<TStore>());
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
