"""The step-by-step account of how a date was reached, each step citing its article."""

from datetime import date

from gongkai.workdays import (
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_clock,
    default_calendar,
)

D = date.fromisoformat
CALENDAR = default_calendar()


def test_it_explains_the_national_day_example():
    result = compute_clock([Received(on=D("2026-09-24"))], CALENDAR, today=D("2026-10-20"))
    assert [step.text for step in result.steps] == [
        "2026年9月24日 收到申请（当面提交，以提交之日为收到申请之日，第31条第（一）项）",
        "补正告知期限：2026年10月12日（第30条，收到申请后7个工作日内一次性告知）",
        "期间内放假不计入：中秋节（2026年9月25日至9月27日）、国庆节（2026年10月1日至10月7日）；"
        "调休上班计入：2026年10月10日（星期六）（国务院办公厅公布的放假安排）",
        "收到申请当日不计入，自次日起计算；法定答复期限：2026年10月29日（第33条，20个工作日）",
        "截至2026年10月20日，剩余7个工作日（第33条）",
    ]
    assert [step.article for step in result.steps] == ["第31条", "第30条", "放假安排", "第33条", "第33条"]


def test_it_names_the_receipt_rule_of_each_channel():
    def first_step(channel):
        return compute_clock([Received(on=D("2026-11-02"), channel=channel)], CALENDAR).steps[0].text

    assert first_step("post") == "2026年11月2日 收到申请（邮寄，以行政机关签收之日为收到申请之日，第31条第（二）项）"
    assert first_step("online") == "2026年11月2日 收到申请（网上申请，以双方确认之日为收到申请之日，第31条第（三）项）"
    assert first_step("fax") == "2026年11月2日 收到申请（传真，以双方确认之日为收到申请之日，第31条第（三）项）"


def test_it_tells_the_whole_story_in_date_order():
    events = [
        FeePaid(on=D("2026-10-26")),
        ExtensionApproved(workdays=10, on=D("2026-11-02")),
        ConsultationAnswered(on=D("2026-09-30")),
        Received(on=D("2026-09-01")),
        CorrectionReceived(on=D("2026-09-08")),
        FeeNoticeSent(on=D("2026-10-22")),
        ConsultationStarted(on=D("2026-09-10")),
        CorrectionRequested(on=D("2026-09-03")),
    ]
    result = compute_clock(events, CALENDAR, today=D("2026-11-05"))
    texts = [step.text for step in result.steps]
    assert texts == [
        "2026年9月1日 收到申请（当面提交，以提交之日为收到申请之日，第31条第（一）项）",
        "补正告知期限：2026年9月10日（第30条，收到申请后7个工作日内一次性告知）",
        "2026年9月3日 告知申请人补正（第30条）",
        "2026年9月8日 收到补正后的申请，答复期限自该日起重新计算（第30条）",
        "2026年9月10日 书面征求第三方意见，暂停计算答复期限；第三方答复期限：2026年10月8日"
        "（第32条，自收到征求意见函之日起15个工作日；第33条第3款）",
        "2026年9月30日 第三方答复，恢复计算；暂停期间14个工作日不计入答复期限（第33条第3款）",
        "2026年10月22日 发出收费通知，缴费期限：2026年11月19日（109号，20个工作日）；等待缴费期间暂停计算答复期限",
        "2026年10月26日 申请人缴费，恢复计算；暂停期间2个工作日不计入答复期限（109号）",
        "2026年11月2日 经政府信息公开工作机构负责人同意，延长答复期限10个工作日（第33条第2款，最长20个工作日）",
        # Holidays inside the clock's running stretches only: National Day fell between the two pauses.
        "期间内放假不计入：国庆节（2026年10月1日至10月7日）；调休上班计入：2026年10月10日（星期六）"
        "（国务院办公厅公布的放假安排）",
        "收到补正后的申请当日不计入，自次日起计算；法定答复期限：2026年11月17日"
        "（第33条，20个工作日，延长10个工作日，暂停计算的16个工作日不计入）",
        "截至2026年11月5日，剩余8个工作日（第33条）",
    ]
    assert result.due_date == D("2026-11-17")


def test_it_cites_an_article_in_every_step():
    events = [Received(on=D("2026-09-24")), ConsultationStarted(on=D("2026-10-12"))]
    result = compute_clock(events, CALENDAR, today=D("2026-10-14"))
    for step in result.steps:
        assert step.article
        assert "第" in step.text or "109号" in step.text or "放假安排" in step.text
    assert result.steps[-1].text == (
        "截至2026年10月14日，征求第三方意见（第32条），暂停计算，剩余13个工作日；若次日恢复计算，答复期限为"
        "2026年11月2日；对方逾期不答复的，暂停至2026年11月2日依法结束，答复期限为2026年11月19日（第33条第3款）"
    )
