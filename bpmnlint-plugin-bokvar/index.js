/**
 * Bokvar's model rules as a bpmnlint plugin. `.bpmnlintrc` in the repository extends
 * "plugin:bokvar/recommended"; Camunda Modeler shows the same rules while a diagram is drawn
 * (modeler-plugin/), and the unit tests lint every diagram in bpmn/ with them.
 */
module.exports = {
  configs: {
    recommended: {
      rules: {
        'user-task-candidate-group': 'error',
        'user-task-form': 'error',
        'user-task-description': 'error',
        'task-documentation': 'error',
        'follow-up-date': 'error',
        'follow-up-date-computed': 'error',
        'timer-from-calendar': 'error',
        'due-date-from-calendar': 'error',
        'legal-references': 'error',
        'external-task-topic': 'error',
        'version-tag': 'error',
      },
    },
  },
};
