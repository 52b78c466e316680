package se.bokvar.engine;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Copies the case's list variables onto every user task when it is created, as
 * task-local variables. Tasklist shows a filter's variables in the task list,
 * but reads them with the caller's rights: a caseworker may read the tasks of
 * their groups (identity-link authorizations), not the process instances. Task
 * variables are readable with the task, so each caseworker sees the case number,
 * the tenant's initials and the next deadline of exactly the tasks they may see,
 * and nothing of the other units' cases. The names are those of
 * scripts/filters.ts (LIST_VARIABLES); the intake and the models set them as
 * process variables.
 */
@Component
public class TasklistVariablesPlugin extends AbstractProcessEnginePlugin {

  static final List<String> LIST_VARIABLES = List.of("arendenummer", "hyresgastInitialer", "nastaFrist");

  private static final TaskListener COPY = (DelegateTask task) -> {
    if (task.getExecution() == null) return; // a standalone task has no case
    for (String name : LIST_VARIABLES) {
      Object value = task.getExecution().getVariable(name);
      if (value != null) task.setVariableLocal(name, value);
    }
  };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, COPY);
        }
      }
    });
  }
}
