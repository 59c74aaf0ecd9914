package dev.switchyard.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template written in YAML into plain maps and lists, turning the short-form tags into
 * the long form CloudFormation itself reads: {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B}
 * becomes {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub ...} becomes {@code {"Fn::Sub": ...}}, and so on
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html).
 * Duplicate keys are refused, as CloudFormation refuses them.
 */
final class CfnYaml {
    /** Tags whose long form is {@code Fn::NAME}. */
    private static final List<String> FUNCTIONS = List.of(
            "GetAtt",
            "Sub",
            "If",
            "Equals",
            "Not",
            "And",
            "Or",
            "Select",
            "Split",
            "Join",
            "FindInMap",
            "ImportValue",
            "GetAZs",
            "Base64",
            "Cidr",
            "Length",
            "ToJsonString");

    private CfnYaml() {}

    /** The template as maps (in the file's order), lists and scalars. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new Constructor(options)).load(yaml);
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a template is a mapping, not " + document);
        }
        return (Map<String, Object>) document;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        /** One short-form tag: the tagged node's value under the function's long name. */
        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> new ArrayList<>(constructSequence(sequence));
                    case MappingNode mapping -> new LinkedHashMap<>(constructMapping(mapping));
                    default -> throw new YAMLException("unexpected node " + node);
                };
                if (name.equals("Fn::GetAtt") && value instanceof String text) {
                    // The short form's "Resource.Attribute"; an attribute may itself hold dots
                    // (SnapStartResponse.ApplyOn), the logical id never does.
                    int dot = text.indexOf('.');
                    if (dot <= 0 || dot == text.length() - 1) {
                        throw new YAMLException(
                                "!GetAtt " + text + " at " + node.getStartMark() + ": expected Resource.Attribute");
                    }
                    value = new ArrayList<>(List.of(text.substring(0, dot), text.substring(dot + 1)));
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(name, value);
                return function;
            }
        }
    }
}
