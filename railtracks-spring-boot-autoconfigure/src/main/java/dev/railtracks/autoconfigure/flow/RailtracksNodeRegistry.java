package dev.railtracks.autoconfigure.flow;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import dev.railtracks.MethodNode;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;

/**
 * The nodes declared with {@link RailtracksNode} on methods of the application's beans, by name. The beans are
 * scanned once, on first use or when the context has created its singletons, whichever comes first; two methods with
 * the same node name fail the application's startup. Each node is a {@link MethodNode} that looks the bean up on
 * every call and checks its arguments like any other node.
 *
 * <p>Proxied beans are scanned like Spring scans {@code @EventListener} methods: the target class of a scoped or
 * auto-proxied bean is scanned once (never the {@code scopedTarget.} bean as well), and the node calls the method
 * through the proxy. A bean behind a JDK (interface) proxy can only expose methods its interfaces declare; a
 * {@link RailtracksNode} method that no interface declares fails startup, naming the bean and the method.
 */
public final class RailtracksNodeRegistry implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private volatile @Nullable Map<String, BeanMethod> nodes;

	/**
	 * A registry of the {@link RailtracksNode} methods of the beans of a bean factory.
	 * @param beanFactory the bean factory to scan
	 */
	public RailtracksNodeRegistry(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		nodes();
	}

	/**
	 * The node with the given name.
	 * @param <O> the node's result type, as the caller expects it
	 * @param name the name given in {@link RailtracksNode#value()}
	 * @return the node's definition, to run with a session or call from another node
	 * @throws NodeCreationException when no bean method declares that node
	 */
	@SuppressWarnings("unchecked")
	public <O> NodeDefinition<O> get(String name) {
		BeanMethod beanMethod = nodes().get(name);
		if (beanMethod == null) {
			throw new NodeCreationException("No @RailtracksNode named '" + name + "'; known nodes: " + names()
					+ ". Annotate a bean method with @RailtracksNode(\"" + name + "\")");
		}
		return (NodeDefinition<O>) beanMethod.node();
	}

	/**
	 * Whether a node with the given name exists.
	 * @param name the node's name
	 * @return {@code true} when a bean method declares it
	 */
	public boolean contains(String name) {
		return nodes().containsKey(name);
	}

	/**
	 * The names of all declared nodes, in bean registration order.
	 * @return the node names
	 */
	public Set<String> names() {
		return nodes().keySet();
	}

	private Map<String, BeanMethod> nodes() {
		Map<String, BeanMethod> scanned = this.nodes;
		if (scanned == null) {
			synchronized (this) {
				scanned = this.nodes;
				if (scanned == null) {
					scanned = scan();
					this.nodes = scanned;
				}
			}
		}
		return scanned;
	}

	private Map<String, BeanMethod> scan() {
		Map<String, BeanMethod> found = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetClass(beanName);
			if (type == null) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			Map<Method, RailtracksNode> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<RailtracksNode>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, RailtracksNode.class));
			methods.forEach((method, annotation) -> {
				MethodNode<?> node = MethodNode.of(annotation.value(), annotation.type(),
						invocableMethod(beanName, method), () -> this.beanFactory.getBean(beanName));
				BeanMethod existing = found.putIfAbsent(node.name(), new BeanMethod(beanName, method, node));
				if (existing != null) {
					throw new IllegalStateException("Two beans declare @RailtracksNode(\"" + node.name() + "\"): "
							+ existing.beanName() + "." + existing.method().getName() + " and " + beanName + "."
							+ method.getName() + "; give each node a unique name");
				}
			});
		}
		return Collections.unmodifiableMap(found);
	}

	private @Nullable Class<?> targetClass(String beanName) {
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory configurable)) {
			return this.beanFactory.getType(beanName, false);
		}
		Class<?> type = AutoProxyUtils.determineTargetClass(configurable, beanName);
		if (type != null && ScopedObject.class.isAssignableFrom(type)) {
			Class<?> target = AutoProxyUtils.determineTargetClass(configurable,
					ScopedProxyUtils.getTargetBeanName(beanName));
			if (target != null) {
				type = target;
			}
		}
		return type;
	}

	private Method invocableMethod(String beanName, Method method) {
		Class<?> proxyType = this.beanFactory.getType(beanName, false);
		try {
			return AopUtils.selectInvocableMethod(method, proxyType);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("@RailtracksNode method " + method.getDeclaringClass().getSimpleName() + "."
					+ method.getName() + " of bean '" + beanName + "' cannot be called through the bean's proxy "
					+ proxyType + ": declare the method on an interface the bean implements, or use class-based "
					+ "(CGLIB) proxies", ex);
		}
	}

	/** A node and the bean method it came from, for error messages. */
	private record BeanMethod(String beanName, Method method, MethodNode<?> node) {
	}

}
