using Attune.Contracts.V1;
using Attune.Generator.Domain;
using Grpc.Core;

namespace Attune.Generator.Grpc;

/// <summary>attune.v1.GeneratorService: validates requests and hands them to best-of-n or block-wise generation.</summary>
public sealed class GeneratorGrpcService(BestOfNGenerator bestOfN, BlockwiseGenerator blockwise) : GeneratorService.GeneratorServiceBase
{

    public override Task<GenerateReply> Generate(GenerateRequest request, ServerCallContext context)
    {
        var settings = GenerateValidation.Validate(request, context.Deadline);
        return settings.Strategy == GenerationStrategy.Blockwise
            ? blockwise.GenerateAsync(settings, null, context.CancellationToken)
            : bestOfN.GenerateAsync(settings, null, context.CancellationToken);
    }

    public override async Task GenerateStream(GenerateRequest request, IServerStreamWriter<GenerateStreamReply> responses, ServerCallContext context)
    {
        var settings = GenerateValidation.Validate(request, context.Deadline);
        var token = context.CancellationToken;
        var result = settings.Strategy == GenerationStrategy.Blockwise
            ? await blockwise.GenerateAsync(settings, b => responses.WriteAsync(new GenerateStreamReply { Block = b }, token), token)
            : await bestOfN.GenerateAsync(settings, c => responses.WriteAsync(new GenerateStreamReply { Candidate = c }, token), token);
        await responses.WriteAsync(new GenerateStreamReply { Result = result }, token);
    }
}
