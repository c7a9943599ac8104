package org.refugio.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.refugio.workflow.CaseStepId;
import org.refugio.workflow.TaskKind;
import org.springframework.context.annotation.Bean;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * processes/legal-aid-referral.bpmn is edited in Camunda Modeler; the Java code names its elements. Every id,
 * delegate, message and process key the code uses must exist in the diagram, and every step the diagram can wait
 * in or call must be known to the code — so an edit in the Modeler that the code does not follow fails here, not
 * in a case.
 */
class BpmnMatchesTheCodeTest {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static Document diagram;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        diagram = factory.newDocumentBuilder().parse(new File("processes/legal-aid-referral.bpmn"));
    }

    static Set<String> attributes(String element, String namespace, String attribute) {
        NodeList nodes = diagram.getElementsByTagNameNS(BPMN, element);
        Set<String> values = new TreeSet<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String value = namespace == null ? e.getAttribute(attribute) : e.getAttributeNS(namespace, attribute);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    static <E extends Enum<E>> Set<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyStepTheCodeNamesIsInTheDiagramAndEveryWaitStateIsAStep() {
        Set<String> waitStates = new TreeSet<>(attributes("userTask", null, "id"));
        waitStates.addAll(attributes("receiveTask", null, "id"));
        Set<String> serviceTasks = attributes("serviceTask", null, "id");
        Set<String> elements = new HashSet<>(waitStates);
        elements.addAll(serviceTasks);

        assertThat(elements).containsAll(ids(CaseStepId.values(), CaseStepId::elementId));
        assertThat(ids(CaseStepId.values(), CaseStepId::elementId)).containsAll(waitStates);
        assertThat(ids(TaskKind.values(), TaskKind::elementId))
                .isEqualTo(attributes("userTask", null, "id"));
    }

    @Test
    void everyDelegateTheDiagramCallsIsABeanAndEveryBeanIsCalled() {
        Set<String> called = attributes("serviceTask", CAMUNDA, "delegateExpression").stream()
                .map(expression -> expression.replaceAll("^\\$\\{(.+)}$", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> beans = new TreeSet<>();
        for (Method m : ReferralProcessDelegates.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Bean.class) && JavaDelegate.class.isAssignableFrom(m.getReturnType())) {
                beans.add(m.getName());
            }
        }
        assertThat(called).isEqualTo(beans);
    }

    @Test
    void theProcessKeyAndTheMessagesTheCodeCorrelatesAreInTheDiagram() {
        assertThat(attributes("process", null, "id")).containsExactly(ProcessVariables.PROCESS_KEY);
        assertThat(attributes("message", null, "name")).contains(ProcessVariables.MESSAGE_PROVIDER_RESPONDED,
                ProcessVariables.MESSAGE_CLIENT_DECLINED);
    }
}
