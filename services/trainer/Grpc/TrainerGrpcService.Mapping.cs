using Attune.Contracts.V1;
using Attune.Ml.Serialization;
using Attune.Storage;
using Attune.Trainer.Gate;
using Attune.Trainer.Models;
using Google.Protobuf.WellKnownTypes;

namespace Attune.Trainer.Grpc;

/// <summary>Mapping from the stores' records to attune.v1 messages.</summary>
public sealed partial class TrainerGrpcService
{
    private static Contracts.V1.TrainingJob MapToJob(Storage.TrainingJob job)
    {
        var message = new Contracts.V1.TrainingJob
        {
            JobId = job.JobId,
            State = job.State switch
            {
                TrainingJobState.Queued => TrainingState.Queued,
                TrainingJobState.Running => TrainingState.Running,
                TrainingJobState.Succeeded => TrainingState.Succeeded,
                TrainingJobState.Failed => TrainingState.Failed,
                _ => TrainingState.Unspecified,
            },
            Progress = job.Progress,
            Phase = job.Phase,
            Reason = job.Reason,
            ModelVersion = job.ModelVersion ?? 0,
            Error = job.Error ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(job.CreatedAt),
            ValidationLoss = job.ValidationLoss is { } loss && double.IsFinite(loss) ? loss : 0,
        };
        if (job.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        return message;
    }

    private static ModelSummary MapToSummary(ModelVersionInfo info, ModelMetadata metadata, ModelStateRecord? state)
    {
        var summary = new ModelSummary
        {
            Version = info.Version,
            K = metadata.K,
            Users = metadata.Users,
            Comparisons = metadata.Comparisons,
            CreatedAt = Timestamp.FromDateTimeOffset(info.PublishedAt),
            ValidationAuc = metadata.Metric("validation_auc"),
            Active = state?.State == Storage.ModelState.Active,
            State = state?.State switch
            {
                Storage.ModelState.Candidate => Contracts.V1.ModelState.Candidate,
                Storage.ModelState.Active => Contracts.V1.ModelState.Active,
                Storage.ModelState.Rejected => Contracts.V1.ModelState.Rejected,
                Storage.ModelState.Retired => Contracts.V1.ModelState.Retired,
                _ => Contracts.V1.ModelState.Unspecified,
            },
            StateReason = state?.Reason ?? "",
            Forced = state?.Forced ?? false,
        };
        if (GateResult.Parse(state?.GateJson) is { } gate)
        {
            summary.Gate = new GateReport
            {
                Passed = gate.Passed,
                Verdict = gate.Verdict,
                AgainstVersion = gate.AgainstVersion,
                Users = gate.Users,
                Comparisons = gate.Comparisons,
                CandidateMacroAuc = gate.CandidateMacroAuc,
                ActiveMacroAuc = gate.ActiveMacroAuc,
                CandidateMacroLogLoss = gate.CandidateMacroLogLoss,
                ActiveMacroLogLoss = gate.ActiveMacroLogLoss,
                AucTolerance = gate.AucTolerance,
                LogLossTolerance = gate.LogLossTolerance,
            };
            summary.Gate.Dropped.Add(gate.Dropped);
        }

        return summary;
    }

    private static GetModelReply MapToModel(StoredModel stored, ModelStateRecord? state)
    {
        var metadata = ModelMetadata.Parse(stored.Info.MetadataJson);
        var model = ModelFile.Read(new MemoryStream(stored.Content, writable: false));
        var reply = new GetModelReply
        {
            Summary = MapToSummary(stored.Info, metadata with { K = model.Rank }, state),
            Metrics = new ModelMetrics
            {
                ValidationAuc = metadata.Metric("validation_auc"),
                ValidationAccuracy = metadata.Metric("validation_accuracy"),
                ValidationLogLoss = metadata.Metric("validation_log_loss"),
                ValidationCalibrationError = metadata.Metric("validation_ece"),
                TrainLogLoss = metadata.Metric("train_loss"),
                Iterations = metadata.Iterations,
                TrainingSeconds = metadata.TrainingSeconds,
            },
            Featurizer = model.Featurizer,
        };
        for (var j = 0; j < model.Labels.Count; j++)
        {
            var label = model.Labels[j];
            reply.BaseFunctions.Add(new BaseFunction
            {
                Index = j, Name = label.Name, Positive = { label.Positive }, Negative = { label.Negative },
                HighExample = label.HighExample, LowExample = label.LowExample,
            });
        }

        reply.Spectrum.AddRange(model.Spectrum);
        reply.PriorMean.AddRange(model.Prior.Mean.ToArray());
        reply.PriorCovariance.AddRange(model.Prior.Covariance.ToArray());
        if (model.Clusters is { } clusters)
        {
            var k = clusters.Rank;
            for (var c = 0; c < clusters.Count; c++)
            {
                var cluster = new Cluster { Index = c, Size = clusters.Assignments.Count(a => a == c) };
                foreach (var x in clusters.Centroids.Slice(c * k, k))
                {
                    cluster.Centroid.Add(x);
                }

                reply.Clusters.Add(cluster);
            }
        }

        return reply;
    }
}
