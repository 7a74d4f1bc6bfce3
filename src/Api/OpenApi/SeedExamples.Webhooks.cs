using PolicyApi.Api.Features.Webhooks;
using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.OpenApi;

/// <summary>
/// Webhooks as 防城港市's supervision office uses them: its inspection system receives the work plan's reports
/// (Standard Webhooks), and a 督查 DingTalk group is told of each report as it comes in.
/// </summary>
internal static partial class SeedExamples
{
    private static Dictionary<Type, object> Webhooks()
    {
        var webhookId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7e61");
        var eventId = Guid.Parse("0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7e62");
        var standard = new WebhookResponse(
            webhookId, "https://duban.fcgs.gov.cn/hooks/policyapi", [WebhookEventType.ReportSubmitted, WebhookEventType.ReportReturned], PlanId, null,
            WebhookFormat.Standard, null, "市督查室督办系统：2021年防城港市扩大利用外资规模工作方案的进展报告", HasSecret: true, WebhookStatus.Active, null,
            "duban-system", China(6, 1, 9), China(6, 1, 9));
        var attempts = new List<AttemptResponse>
        {
            new(1, China(7, 2, 10), 503, 38, "The receiver answered 503."),
            new(2, China(7, 2, 10).AddSeconds(10), 503, 41, "The receiver answered 503."),
            new(3, China(7, 2, 10).AddSeconds(30), null, 10000, "The receiver did not answer in time."),
            new(4, China(7, 2, 10).AddSeconds(70), 200, 52, null),
        };
        var delivery = new DeliveryResponse(
            1043, eventId, "report.submitted", DeliveryStatus.Succeeded, 4, 200, null, China(7, 2, 10), null, China(7, 2, 10).AddSeconds(70), null, attempts);
        return new()
        {
            [typeof(CreateWebhook)] = new CreateWebhook
            {
                Url = "https://oapi.dingtalk.com/robot/send?access_token=5f0c3d2e9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
                EventTypes = [WebhookEventType.ReportSubmitted, WebhookEventType.ReportReturned, WebhookEventType.ObligationOverdue],
                DocumentId = PlanId,
                Format = WebhookFormat.DingTalk,
                MessageType = RobotMessageType.Markdown,
                Secret = "SEC1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
                Description = "市商务局督查钉钉群",
            },
            [typeof(WebhookResponse)] = standard,
            [typeof(CreatedWebhookResponse)] = new CreatedWebhookResponse(standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4BLkxVxfIlk="),
            [typeof(DeliveryResponse)] = delivery,
            [typeof(AttemptResponse)] = attempts[3],
            [typeof(WebhookEventType)] = WebhookEventType.ReportSubmitted,
            [typeof(WebhookFormat)] = WebhookFormat.DingTalk,
            [typeof(RobotMessageType)] = RobotMessageType.Markdown,
            [typeof(WebhookStatus)] = WebhookStatus.Active,
            [typeof(DeliveryStatus)] = DeliveryStatus.Succeeded,
        };
    }
}
