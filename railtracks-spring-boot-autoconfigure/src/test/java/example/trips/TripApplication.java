package example.trips;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.railtracks.Flow;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

/**
 * An application with a durable {@code Flow} bean ({@code itinerary}) on a DataSource at {@code trips.database.url};
 * its package is outside {@code dev.railtracks}, as a user's is.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TripNodes.class)
public class TripApplication {

	@Bean
	HikariDataSource dataSource(Environment environment) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(environment.getRequiredProperty("trips.database.url"));
		pool.setConnectionTimeout(2000);
		pool.setMaximumPoolSize(8);
		return pool;
	}

	@Bean
	Flow<String> itinerary(SessionFactory sessions, RailtracksNodeRegistry nodes) {
		return sessions.flow("itinerary", nodes.<String>get("plan")).durable().build();
	}

}
