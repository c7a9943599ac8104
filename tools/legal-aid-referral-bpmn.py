#!/usr/bin/env python3
"""Writes processes/legal-aid-referral.bpmn: the process and its diagram from one compact description.

The diagram (BPMN DI) is laid out on a grid here so that Cockpit can draw the process; hand-editing
waypoints is error-prone. Run it after changing the flow: python3 tools/legal-aid-referral-bpmn.py
"""
from pathlib import Path
from xml.sax.saxutils import escape

# element id -> (kind, name, column, row, extra attributes / body)
COL = 160
ROW = 130
X0, Y0 = 60, 60

elements = {}
order = []

def el(id, kind, name, col, row, attrs="", body=""):
    elements[id] = dict(kind=kind, name=name, col=col, row=row, attrs=attrs, body=body, incoming=[], outgoing=[])
    order.append(id)

flows = []
def flow(id, src, dst, cond=None, via=None, name=None):
    flows.append(dict(id=id, src=src, dst=dst, cond=cond, via=via, name=name))
    elements[src]["outgoing"].append(id)
    elements[dst]["incoming"].append(id)

SIZE = {"startEvent": (36, 36), "endEvent": (36, 36), "exclusiveGateway": (50, 50), "parallelGateway": (50, 50),
        "serviceTask": (110, 80), "userTask": (110, 80), "receiveTask": (110, 80)}

# --- main line: screen, refer now, review, send, wait ------------------------------------------------------
el("StartEvent_CaseOpened", "startEvent", "Case opened", 0, 1)
el("ServiceTask_ScreenCase", "serviceTask", "Screen the case and store the decision", 1, 1,
   'camunda:delegateExpression="${screenCase}"')
el("Gateway_ReferNowAndGatherFacts", "parallelGateway", "Refer now, gather facts alongside", 2, 1)
el("ServiceTask_ChooseProvider", "serviceTask", "Choose a provider by the rules", 3, 1,
   'camunda:delegateExpression="${chooseProvider}"')
el("Gateway_ProviderFound", "exclusiveGateway", "Suitable provider left?", 4, 1, 'default="Flow_NoProviderLeft"')
el("Task_ReviewReferral", "userTask", "Review the referral", 5, 1,
   'camunda:candidateGroups="caseworker" camunda:dueDate="${reviewDueAt}"')
el("ServiceTask_SendReferral", "serviceTask", "Send the referral", 7, 1,
   'camunda:asyncBefore="true" camunda:delegateExpression="${sendReferral}"')
el("ReceiveTask_AwaitProviderResponse", "receiveTask", "Await the provider's answer", 8, 1,
   'messageRef="Message_ProviderResponded"')
el("Gateway_ProviderAccepted", "exclusiveGateway", "Provider accepted?", 9, 1, 'default="Flow_ProviderDeclined"')
el("ServiceTask_CloseAsReferred", "serviceTask", "Close the case as referred", 10, 1,
   'camunda:delegateExpression="${closeAsReferred}"')
el("EndEvent_ReferralAccepted", "endEvent", "Referral accepted", 11, 1, body="<bpmn:terminateEventDefinition />")

# --- review deadline: a referral is never held back by an unanswered review ----------------------------------
el("BoundaryTimer_ReviewDeadline", "boundaryEvent", "Review deadline passed", 5, 1,
   'attachedToRef="Task_ReviewReferral" cancelActivity="true"',
   '<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${reviewDueAt}</bpmn:timeDate>'
   '</bpmn:timerEventDefinition>')
el("ServiceTask_RecordReviewLapsed", "serviceTask", "Send as proposed, note the lapsed review", 6, 2,
   'camunda:delegateExpression="${recordReviewLapsed}"')

# --- no answer in time, or a decline: next provider ----------------------------------------------------------
el("BoundaryTimer_ResponseDeadline", "boundaryEvent", "Response deadline passed", 8, 1,
   'attachedToRef="ReceiveTask_AwaitProviderResponse" cancelActivity="true"',
   '<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${responseDueAt}</bpmn:timeDate>'
   '</bpmn:timerEventDefinition>')
el("ServiceTask_RecordNoResponse", "serviceTask", "Record that the provider did not answer", 8, 2,
   'camunda:delegateExpression="${recordNoResponse}"')

# --- nobody left: a supervisor decides; the case stays "referral pending" -------------------------------------
el("Task_ResolveEscalation", "userTask", "Find a provider (supervisor)", 4, 3,
   'camunda:candidateGroups="supervisor"')
el("Gateway_SupervisorDecision", "exclusiveGateway", "Supervisor decision", 5, 3, 'default="Flow_RetryMatching"')

# --- missing facts: gathered alongside, never before the referral ---------------------------------------------
el("Gateway_FactsMissing", "exclusiveGateway", "Facts missing?", 3, 0, 'default="Flow_NoFactsMissing"')
el("Task_GatherMissingFacts", "userTask", "Gather the missing facts", 4, 0, 'camunda:candidateGroups="caseworker"')
el("Gateway_FactsSubmitted", "exclusiveGateway", "New facts?", 5, 0, 'default="Flow_GatheringClosed"')
el("ServiceTask_RescreenCase", "serviceTask", "Re-screen with the new facts", 6, 0,
   'camunda:delegateExpression="${screenCase}"')
el("EndEvent_NoFactsMissing", "endEvent", "No facts missing", 3, -1)
el("EndEvent_FactGatheringClosed", "endEvent", "Fact gathering closed", 5, -1)

flow("Flow_Opened", "StartEvent_CaseOpened", "ServiceTask_ScreenCase")
flow("Flow_Screened", "ServiceTask_ScreenCase", "Gateway_ReferNowAndGatherFacts")
flow("Flow_ReferNow", "Gateway_ReferNowAndGatherFacts", "ServiceTask_ChooseProvider")
flow("Flow_GatherAlongside", "Gateway_ReferNowAndGatherFacts", "Gateway_FactsMissing", via=[(2, 0)])
flow("Flow_Chosen", "ServiceTask_ChooseProvider", "Gateway_ProviderFound")
flow("Flow_ProviderFound", "Gateway_ProviderFound", "Task_ReviewReferral", "${providerFound}", name="yes")
flow("Flow_NoProviderLeft", "Gateway_ProviderFound", "Task_ResolveEscalation", name="no")
flow("Flow_Reviewed", "Task_ReviewReferral", "ServiceTask_SendReferral")
flow("Flow_ReviewLapsed", "BoundaryTimer_ReviewDeadline", "ServiceTask_RecordReviewLapsed", via=[(5, 2)])
flow("Flow_SendAsProposed", "ServiceTask_RecordReviewLapsed", "ServiceTask_SendReferral", via=[(7, 2)])
flow("Flow_Sent", "ServiceTask_SendReferral", "ReceiveTask_AwaitProviderResponse")
flow("Flow_Answered", "ReceiveTask_AwaitProviderResponse", "Gateway_ProviderAccepted")
flow("Flow_ProviderAccepted", "Gateway_ProviderAccepted", "ServiceTask_CloseAsReferred", "${providerAccepted}",
     name="accepted")
flow("Flow_ProviderDeclined", "Gateway_ProviderAccepted", "ServiceTask_ChooseProvider", via=[(9, 4), (3, 4)],
     name="declined")
flow("Flow_Closed", "ServiceTask_CloseAsReferred", "EndEvent_ReferralAccepted")
flow("Flow_NoAnswerInTime", "BoundaryTimer_ResponseDeadline", "ServiceTask_RecordNoResponse")
flow("Flow_NextProvider", "ServiceTask_RecordNoResponse", "ServiceTask_ChooseProvider", via=[(8, 4), (3, 4)])
flow("Flow_Escalated", "Task_ResolveEscalation", "Gateway_SupervisorDecision")
flow("Flow_SupervisorReferred", "Gateway_SupervisorDecision", "ServiceTask_SendReferral",
     "${supervisorDecision == 'REFER_TO'}", via=[(7, 3)], name="refer to a provider")
flow("Flow_RetryMatching", "Gateway_SupervisorDecision", "ServiceTask_ChooseProvider", via=[(5, 3.6), (3, 3.6)],
     name="match again")
flow("Flow_FactsMissing", "Gateway_FactsMissing", "Task_GatherMissingFacts", "${needsMoreInformation}", name="yes")
flow("Flow_NoFactsMissing", "Gateway_FactsMissing", "EndEvent_NoFactsMissing", name="no")
flow("Flow_Gathered", "Task_GatherMissingFacts", "Gateway_FactsSubmitted")
flow("Flow_FactsSubmitted", "Gateway_FactsSubmitted", "ServiceTask_RescreenCase", "${factsSubmitted}", name="yes")
flow("Flow_GatheringClosed", "Gateway_FactsSubmitted", "EndEvent_FactGatheringClosed", name="no")
flow("Flow_Rescreened", "ServiceTask_RescreenCase", "Gateway_FactsMissing", via=[(6, -0.6), (3, -0.6)])

# --- the client may decline at any time: the case ends, recorded with who and why ----------------------------
sub = dict(id="SubProcess_ClientDeclinedReferral", col=0.6, row=5.2, width=520, height=150)
sub_elements = {
    "StartEvent_ClientDeclinedReferral": ("startEvent", "Client declined the referral", 0.8, 5.55,
                                           'isInterrupting="true"',
                                           '<bpmn:messageEventDefinition messageRef="Message_ClientDeclinedReferral" />'),
    "ServiceTask_CloseAsClientDeclined": ("serviceTask", "Close the case as declined by the client", 1.8, 5.55,
                                          'camunda:delegateExpression="${closeAsClientDeclined}"', ""),
    "EndEvent_ClientDeclinedReferral": ("endEvent", "Client declined referral", 2.8, 5.55, "", ""),
}


def center(col, row, kind):
    w, h = SIZE.get(kind, (36, 36))
    cx = X0 + col * COL + 55
    cy = Y0 + (row + 1) * ROW + 40
    return cx, cy, w, h


def bounds(id):
    e = elements[id]
    if e["kind"] == "boundaryEvent":
        host = elements[e["attrs"].split('attachedToRef="')[1].split('"')[0]]
        cx, cy, w, h = center(host["col"], host["row"], host["kind"])
        return cx - 18 + 20, cy + 40 - 18, 36, 36
    cx, cy, w, h = center(e["col"], e["row"], e["kind"])
    return cx - w / 2, cy - h / 2, w, h


def mid(id):
    x, y, w, h = bounds(id)
    return x + w / 2, y + h / 2


def grid(col, row):
    return X0 + col * COL + 55, Y0 + (row + 1) * ROW + 40


def waypoints(f):
    sx, sy = mid(f["src"])
    tx, ty = mid(f["dst"])
    sb = bounds(f["src"])
    tb = bounds(f["dst"])
    pts = []
    if elements[f["src"]]["kind"] == "boundaryEvent":
        pts.append((sx, sb[1] + sb[3]))
    elif f["via"] and grid(*f["via"][0])[1] != sy:
        pts.append((sx, sb[1] + sb[3] if grid(*f["via"][0])[1] > sy else sb[1]))
    else:
        pts.append((sb[0] + sb[2], sy))
    for v in f["via"] or []:
        gx, gy = grid(*v)
        last = pts[-1]
        if last[0] != gx and last[1] != gy:
            pts.append((last[0], gy))
        pts.append((gx, gy))
    last = pts[-1]
    if f["via"]:
        if abs(last[0] - tx) < 1:
            pts.append((tx, tb[1] + tb[3] if last[1] > ty else tb[1]))
        else:
            if last[1] != ty:
                pts.append((tx, last[1]))
                pts.append((tx, tb[1] + tb[3] if last[1] > ty else tb[1]))
            else:
                pts.append((tb[0], ty))
    else:
        if abs(last[1] - ty) < 1:
            pts.append((tb[0] if tx > last[0] else tb[0] + tb[2], ty))
        else:
            pts.append((tx, last[1]))
            pts.append((tx, tb[1] if ty > last[1] else tb[1] + tb[3]))
    return pts


def semantic(id, e, indent="    "):
    kind = e["kind"]
    inner = "".join(f"\n{indent}  <bpmn:incoming>{i}</bpmn:incoming>" for i in e.get("incoming", []))
    inner += "".join(f"\n{indent}  <bpmn:outgoing>{o}</bpmn:outgoing>" for o in e.get("outgoing", []))
    if e["body"]:
        inner += f"\n{indent}  {e['body']}"
    attrs = (" " + e["attrs"]) if e["attrs"] else ""
    return f'{indent}<bpmn:{kind} id="{id}" name="{escape(e["name"])}"{attrs}>{inner}\n{indent}</bpmn:{kind}>\n'


out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
       '<!-- Generated by tools/legal-aid-referral-bpmn.py: edit that file, not this one. -->\n',
       '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"\n'
       '                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"\n'
       '                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"\n'
       '                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"\n'
       '                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
       '                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"\n'
       '                  id="Definitions_LegalAidReferral" targetNamespace="urn:refugio:bpmn">\n',
       '  <bpmn:message id="Message_ProviderResponded" name="ProviderResponded" />\n',
       '  <bpmn:message id="Message_ClientDeclinedReferral" name="ClientDeclinedReferral" />\n',
       '  <!-- LA-01: every case ends referred, or declined by the client; never "not referred". Variables hold the\n'
       '       case id and routing facts only (8 U.S.C. 1367): the facts themselves stay in the case tables. -->\n',
       '  <bpmn:process id="LegalAidReferral" name="Legal-aid referral" isExecutable="true"'
       ' camunda:historyTimeToLive="P365D">\n']
for id in order:
    out.append(semantic(id, elements[id]))
for f in flows:
    name = f' name="{escape(f["name"])}"' if f["name"] else ""
    if f["cond"]:
        out.append(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["dst"]}">\n'
                   f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{escape(f["cond"])}'
                   f'</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n')
    else:
        out.append(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["dst"]}" />\n')
# event subprocess
sub_flows = [("Flow_ClientDeclined", "StartEvent_ClientDeclinedReferral", "ServiceTask_CloseAsClientDeclined"),
             ("Flow_ClosedAsDeclined", "ServiceTask_CloseAsClientDeclined", "EndEvent_ClientDeclinedReferral")]
out.append(f'    <bpmn:subProcess id="{sub["id"]}" name="Client declines the referral" triggeredByEvent="true">\n')
for sid, (kind, name, col, row, attrs, body) in sub_elements.items():
    e = dict(kind=kind, name=name, attrs=attrs, body=body,
             incoming=[f[0] for f in sub_flows if f[2] == sid], outgoing=[f[0] for f in sub_flows if f[1] == sid])
    out.append(semantic(sid, e, "      "))
for fid, s, t in sub_flows:
    out.append(f'      <bpmn:sequenceFlow id="{fid}" sourceRef="{s}" targetRef="{t}" />\n')
out.append('    </bpmn:subProcess>\n')
out.append('  </bpmn:process>\n')

# diagram
out.append('  <bpmndi:BPMNDiagram id="Diagram_LegalAidReferral">\n'
           '    <bpmndi:BPMNPlane id="Plane_LegalAidReferral" bpmnElement="LegalAidReferral">\n')
def shape(id, x, y, w, h, extra=""):
    return (f'      <bpmndi:BPMNShape id="{id}_di" bpmnElement="{id}"{extra}>\n'
            f'        <dc:Bounds x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" />\n'
            f'      </bpmndi:BPMNShape>\n')
for id in order:
    if elements[id]["kind"] != "boundaryEvent":
        x, y, w, h = bounds(id)
        out.append(shape(id, x, y, w, h, ' isMarkerVisible="true"' if elements[id]["kind"] == "exclusiveGateway" else ""))
for id in order:
    if elements[id]["kind"] == "boundaryEvent":
        out.append(shape(id, *bounds(id)))
for f in flows:
    pts = waypoints(f)
    wps = "".join(f'        <di:waypoint x="{x:.0f}" y="{y:.0f}" />\n' for x, y in pts)
    out.append(f'      <bpmndi:BPMNEdge id="{f["id"]}_di" bpmnElement="{f["id"]}">\n{wps}      </bpmndi:BPMNEdge>\n')
sx, sy = grid(sub["col"], sub["row"])
out.append(f'      <bpmndi:BPMNShape id="{sub["id"]}_di" bpmnElement="{sub["id"]}" isExpanded="true">\n'
           f'        <dc:Bounds x="{sx - 55:.0f}" y="{sy - 40:.0f}" width="{sub["width"]}" height="{sub["height"]}" />\n'
           f'      </bpmndi:BPMNShape>\n')
sub_bounds = {}
for sid, (kind, name, col, row, attrs, body) in sub_elements.items():
    cx, cy = grid(col, row)
    w, h = SIZE[kind]
    sub_bounds[sid] = (cx - w / 2, cy - h / 2, w, h)
    out.append(shape(sid, *sub_bounds[sid]))
for fid, s, t in sub_flows:
    a, b = sub_bounds[s], sub_bounds[t]
    y = a[1] + a[3] / 2
    out.append(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">\n'
               f'        <di:waypoint x="{a[0] + a[2]:.0f}" y="{y:.0f}" />\n'
               f'        <di:waypoint x="{b[0]:.0f}" y="{y:.0f}" />\n      </bpmndi:BPMNEdge>\n')
out.append('    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n')

target = Path(__file__).resolve().parent.parent / "processes" / "legal-aid-referral.bpmn"
target.write_text("".join(out), encoding="utf-8")
print("wrote", target)
